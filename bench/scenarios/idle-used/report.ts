import { FigureTable } from '../../report/figure-table.ts';
import { readable } from '../../report/format.ts';
import type { ScenarioReport } from '../../report/scenario-report.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';

function idleUsedSection(rows: readonly SummaryRow[]): string[] {
  const t = new FigureTable(rows, 'idle-used');
  if (t.transports.length === 0) return [];
  const mine = rows.filter((r) => r.scenario === 'idle-used');
  const counts = [...new Set(mine.filter((r) => r.metric === 'connections_held').map((r) => r.connections))].sort((a, b) => a - b);
  const largest = counts[counts.length - 1];
  return [
    '## Memory per connection after one message (idle-used)',
    '',
    `Connections held at ${counts.join(', ')} (and at none), each after one echo of this run's payload; after a forced GC in the ` +
      "server at each, the slope of a line through its heap and RSS. What a library builds on a connection's first message " +
      "and keeps (permessage-deflate's zlib streams, made lazily) is in these figures and not in idle's.",
    '',
    `| transport | held at ${readable(largest)} | heap per connection, B | RSS per connection, B |`,
    '|---|--:|--:|--:|',
    ...t.transports.map((x) => {
      const m = (metric: string) => readable(t.median(x, metric));
      const held = mine.find((r) => r.transport === x && r.metric === 'connections_held' && r.connections === largest)?.value;
      return `| ${x} | ${readable(held)} | ${m('heap_per_conn_bytes')} | ${m('rss_per_conn_bytes')} |`;
    }),
    '',
  ];
}

export const idleUsedReport: ScenarioReport = {
  section: ({ rows }) => idleUsedSection(rows),
  variantFigures: [
    { metric: 'heap_per_conn_bytes', label: 'server heap per connection after one message, B' },
    { metric: 'rss_per_conn_bytes', label: 'server RSS per connection after one message, B' },
  ],
};
