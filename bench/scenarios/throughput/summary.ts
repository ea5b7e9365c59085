import { FigureTable } from '../../report/figure-table.ts';
import { readable } from '../../report/format.ts';
import type { ReportContext } from '../../report/scenario-report.ts';
import { wrappedList } from '../../report/terminal-text.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import type { ThroughputSizes } from './sizes.ts';

/**
 * Capacity on the terminal: each search's limit (the echoes a second its highest passing step
 * delivered within the p99 bound), per connection count and payload size, highest first; `≥` where the
 * load process was the limit, as in the report.
 */
export function throughputSummary({ rows, run }: ReportContext<ThroughputSizes>): string[] {
  const mine = rows.filter((r: SummaryRow) => r.scenario === 'throughput' && r.ratePerS === undefined && (r.metric === 'max_msgs_per_s' || r.metric === 'limit_machine_stalled'));
  const searches = [...new Set(mine.map((r) => `${r.payloadBytes}\u0000${r.connections}`))]
    .map((key) => key.split('\u0000').map(Number) as [number, number])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const bound = readable((run.config.p99BoundUs ?? 10_000) / 1000);
  return searches.flatMap(([payloadBytes, connections]) => {
    const at = (r: SummaryRow) => r.payloadBytes === payloadBytes && r.connections === connections;
    const t = new FigureTable(rows.filter((r) => r.scenario === 'throughput' && r.ratePerS === undefined && at(r)), 'throughput');
    const items = t
      .ranked('max_msgs_per_s')
      .reverse()
      .map(({ transport, value }) => {
        const stalled = (t.median(transport, 'limit_machine_stalled') ?? 0) > 0;
        const limited = stalled || (t.median(transport, 'max_limited_by_load') ?? 0) > 0;
        return `${transport} ${limited ? '≥ ' : ''}${readable(value)}${stalled ? ' (machine stalled)' : limited ? ' (load-limited)' : ''}`;
      });
    // the machine ended these searches before anything passed: no figure to rank
    for (const x of t.transports) if (t.median(x, 'max_msgs_per_s') === undefined) items.push(`${x} can't tell (machine stalled)`);
    const where = `${readable(connections)} connection${connections === 1 ? '' : 's'}, ${readable(payloadBytes)} B`;
    return wrappedList(`Capacity, echoes/s with p99 under ${bound} ms (${where})`, items);
  });
}
