import { FigureTable } from '../../report/figure-table.ts';
import { readable } from '../../report/format.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import { withCi } from '../../report/cells.ts';

const MIB = 1024 * 1024;

/** What serving the echo load cost the server process, read over IPC at the window's start and end. */
export function serverCostSection(rows: readonly SummaryRow[]): string[] {
  const t = new FigureTable(rows, 'echo');
  const ranked = t.ranked('server_cpu_us_per_msg');
  if (ranked.length === 0) return [];
  const lines = [
    '## Server cost (echo)',
    '',
    'CPU time of the server process per message sent, its event-loop utilisation and delay over the measured',
    'window, and its memory at the end of it.',
    '',
    '| transport | CPU µs / msg | event-loop use % | loop delay p99 µs | RSS MiB | heap MiB |',
    '|---|--:|--:|--:|--:|--:|',
  ];
  for (const { transport } of ranked) {
    const mib = (metric: string) => readable((t.median(transport, metric) ?? NaN) / MIB);
    lines.push(
      `| ${transport} | ${withCi(t, transport, 'server_cpu_us_per_msg')} | ${readable(t.median(transport, 'server_elu_pct'))} | ` +
        `${readable(t.median(transport, 'server_loop_delay_p99'))} | ${mib('server_rss_bytes')} | ${mib('server_heap_bytes')} |`,
    );
  }
  return [...lines, ''];
}
