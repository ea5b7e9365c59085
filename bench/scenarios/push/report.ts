import { FigureTable } from '../../report/figure-table.ts';
import { chartEmbed } from '../../report/charts/chart.ts';
import { pushChart } from './chart.ts';
import { readable } from '../../report/format.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import type { ScenarioReport } from '../../report/scenario-report.ts';
import type { PushSizes } from './sizes.ts';
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
    `Each receiver asks once for ${readable(sizes.messages)} messages of ${payloadBytes} B; the server writes ` +
      'the whole stream into the transport at once and the transport delivers it as fast as the receiver reads ' +
      '(its buffers are the backpressure; a peer that stops reading is disconnected past the server\'s buffer limit). ' +
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
