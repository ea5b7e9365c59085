import { FigureTable } from '../../report/figure-table.ts';
import { chartEmbed } from '../../report/charts/chart.ts';
import { fanoutChart } from './chart.ts';
import { readable } from '../../report/format.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import type { ScenarioReport } from '../../report/scenario-report.ts';
import { broadcastApis } from '../../report/broadcast-apis.ts';
import { DEFAULT_LIMITS } from '../../../servers/limits.ts';
import { fanoutBrowserTable } from './browser-table.ts';
import { QUIET_MS, SETTLE_MS, type FanoutSizes } from './sizes.ts';
import { withCi } from '../../report/cells.ts';

/** The chat room: how long a broadcast takes to reach the first and the last member, per room size. */
function fanoutSection(rows: readonly SummaryRow[], sizes: FanoutSizes, payloadBytes: number): string[] {
  const mine = rows.filter((r) => r.scenario === 'fanout');
  if (mine.length === 0) return [];
  // the rooms are on the room's own rows; the point's health rows carry the job's connection count (an empty "room of 1")
  const rooms = [...new Set(mine.filter((r) => r.metric === 'sent').map((r) => r.connections))].sort((a, b) => a - b);
  const lines = [
    '## Fan-out: the chat room',
    '',
    `One member broadcasts ${sizes.broadcasts} messages of ${payloadBytes} B, paced (not waiting for replies), to ` +
      'everyone in the room, itself included, as in the classic socket.io chat. Latency runs from the send time in the ' +
      'message to its arrival, on the host\'s monotonic clock shared by every process; per broadcast the first and the ' +
      'last member to get it. Every member counts what it got: lost, duplicated and reordered broadcasts are shown; ' +
      `a room that gets nothing for ${readable(QUIET_MS / 1000)} s after the last broadcast (${readable(SETTLE_MS / 1000)} s at the most) is done, and what it lacks is lost.`,
    '',
  ];
  lines.push(...broadcastApis([...new Set(mine.map((r) => r.transport))], DEFAULT_LIMITS.maxBufferedBytes));
  for (const room of rooms) {
    const t = new FigureTable(mine.filter((r) => r.connections === room), 'fanout');
    lines.push(
      `### Room of ${readable(room)}`,
      '',
      '| transport | first p50 µs | last p50 µs | last p99 µs | delivered / expected | lost | duplicated | reordered |',
      '|---|--:|--:|--:|--:|--:|--:|--:|',
    );
    for (const { transport } of t.ranked('fanout_last_p50')) {
      const m = (metric: string) => readable(t.median(transport, metric));
      lines.push(
        `| ${transport} | ${withCi(t, transport, 'fanout_first_p50')} | ${withCi(t, transport, 'fanout_last_p50')} | ${m('fanout_last_p99')} | ` +
          `${m('delivered')} / ${m('sent')} | ${m('lost')} | ${m('duplicated')} | ${m('reordered')} |`,
      );
    }
    lines.push('');
  }
  return [...lines, ...chartEmbed(fanoutChart, rows)];
}

export const fanoutReport: ScenarioReport<FanoutSizes> = {
  section: ({ rows, sizes, run }) => fanoutSection(rows, sizes, run.config.payloadBytes),
  charts: [fanoutChart],
  browserTable: ({ allRows }) => fanoutBrowserTable(allRows),
};
