import { FigureTable } from '../../report/figure-table.ts';
import { chartEmbed } from '../../report/charts/chart.ts';
import { pushChart } from './chart.ts';
import { readable } from '../../report/format.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import type { ScenarioReport } from '../../report/scenario-report.ts';
import { DEFAULT_LIMITS } from '../../../servers/limits.ts';
import { STREAM_QUIET_MS, type PushSizes } from './sizes.ts';
import { withCi } from '../../report/cells.ts';

const MIB = 1024 * 1024;

/** Server push: how fast each transport streams to one and to many receivers, and what memory it takes. */
function pushSection(rows: readonly SummaryRow[], sizes: PushSizes, payloadBytes: number): string[] {
  const mine = rows.filter((r) => r.scenario === 'push');
  if (mine.length === 0) return [];
  const counts = [...new Set(mine.filter((r) => r.metric === 'msgs_per_s').map((r) => r.connections))].sort((a, b) => a - b);
  const lines = [
    '## Push: server streams to its clients',
    '',
    `Each receiver asks once for ${readable(sizes.messages)} messages of ${payloadBytes} B; the server writes the ` +
      `stream into the transport as fast as the receiver reads it: it pauses while the receiver has more than ` +
      `${readable(DEFAULT_LIMITS.pushHighWaterBytes / MIB)} MiB waiting in the server and resumes once it has read it, and ` +
      `disconnects a receiver that lets more than ${readable(DEFAULT_LIMITS.maxBufferedBytes / MIB)} MiB build up (one that stopped reading). ` +
      `A stream that gets nothing for ${readable(STREAM_QUIET_MS / 1000)} s has ended: what it lacks by then counts as lost. ` +
      'Rates are messages received per second over all receivers, from the request to the last arrival; RSS growth ' +
      'is the server process\'s while it streamed.',
    '',
  ];
  for (const clients of counts) {
    const t = new FigureTable(mine.filter((r) => r.connections === clients), 'push');
    lines.push(
      `### ${clients} receiver${clients === 1 ? '' : 's'}`,
      '',
      '| transport | msgs/s | payload MiB/s | wire MiB/s down | server RSS growth MiB | delivered / sent |',
      '|---|--:|--:|--:|--:|--:|',
    );
    for (const { transport } of t.ranked('msgs_per_s').reverse()) {
      const mib = (metric: string) => readable((t.median(transport, metric) ?? NaN) / MIB);
      lines.push(
        `| ${transport} | ${withCi(t, transport, 'msgs_per_s')} | ${mib('payload_bytes_per_s')} | ${mib('wire_bytes_down_per_s')} | ` +
          `${mib('server_rss_growth_bytes')} | ${readable(t.median(transport, 'delivered'))} / ${readable(t.median(transport, 'sent'))} |`,
      );
    }
    lines.push('');
  }
  return [...lines, ...chartEmbed(pushChart, rows)];
}

export const pushReport: ScenarioReport<PushSizes> = {
  section: ({ rows, sizes, run }) => pushSection(rows, sizes, run.config.payloadBytes),
  charts: [pushChart],
};
