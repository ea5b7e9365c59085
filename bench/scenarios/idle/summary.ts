import { FigureTable } from '../../report/figure-table.ts';
import { readable } from '../../report/format.ts';
import type { ReportContext } from '../../report/scenario-report.ts';
import { wrappedList } from '../../report/terminal-text.ts';

/** Memory per idle connection on the terminal: the server's heap and RSS slope per connection, leanest first. */
export function idleSummary({ rows }: ReportContext): string[] {
  const t = new FigureTable(rows, 'idle');
  const items = t
    .ranked('heap_per_conn_bytes')
    .map(({ transport, value }) => `${transport} ${readable(value)} / ${rssCell(t, transport)}`);
  return wrappedList('Memory per idle connection in the server, heap / RSS bytes', items);
}

export const RSS_UNRESOLVED = "can't tell";

/** The RSS slope, or "can't tell" where the readings fell as connections were added (scenario.ts gives no slope then). */
export function rssCell(t: FigureTable, transport: string): string {
  const rss = t.median(transport, 'rss_per_conn_bytes');
  if (rss === undefined && t.median(transport, 'rss_per_conn_unresolved') !== undefined) return RSS_UNRESOLVED;
  return readable(rss);
}
