import { FigureTable } from '../../report/figure-table.ts';
import { chartEmbed } from '../../report/charts/chart.ts';
import { connectLatencyChart } from './chart.ts';
import { readable } from '../../report/format.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import type { ScenarioReport } from '../../report/scenario-report.ts';
import { withCi } from '../../report/cells.ts';

/** The connection storm: how fast each transport gets a client connected, and what its handshake costs. */
function connectSection(rows: readonly SummaryRow[]): string[] {
  const t = new FigureTable(rows, 'connect');
  if (t.transports.length === 0) return [];
  const first = rows.find((r) => r.scenario === 'connect');
  const lines = [
    '## Connect: connection storms',
    '',
    `${first?.connections ?? '?'} connections opened on a fixed schedule of ${readable(first?.ratePerS)} attempts a second ` +
      '(over all load processes), each attempt started when due whatever the earlier ones were doing. Latency runs',
    'from calling connect() to the client being usable (TCP, HTTP upgrade or first request, socket.io\'s open and',
    'CONNECT packets); handshake bytes are the server\'s socket counters over the storm divided by the connections',
    'opened, so short polling\'s first polls and socket.io-polling\'s first held poll are counted with its handshake.',
    '',
    '| transport | p50 µs | p99 µs | bytes up / conn | bytes down / conn | server sockets / conn | opened | failed | late starts |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const { transport } of t.ranked('connect_p50')) {
    const m = (metric: string) => readable(t.median(transport, metric));
    lines.push(
      `| ${transport} | ${withCi(t, transport, 'connect_p50')} | ${withCi(t, transport, 'connect_p99')} | ${m('handshake_bytes_up')} | ` +
        `${m('handshake_bytes_down')} | ${m('server_sockets_per_conn')} | ${m('connect_opened')} | ${m('connect_failed')} | ${m('connect_late_starts')} |`,
    );
  }
  const failed = t.transports.filter((x) => t.median(x, 'connect_p50') === undefined);
  if (failed.length > 0) lines.push('', `Not measured (failed): ${failed.join(', ')}.`);
  return [...lines, '', ...chartEmbed(connectLatencyChart, rows)];
}

export const connectReport: ScenarioReport = {
  section: ({ rows }) => connectSection(rows),
  charts: [connectLatencyChart],
  variantFigures: [
    { metric: 'handshake_bytes_up', label: 'handshake bytes up (extension offers included), B' },
    { metric: 'handshake_bytes_down', label: 'handshake bytes down, B' },
    { metric: 'connect_p50', label: 'connect p50, µs' },
  ],
};
