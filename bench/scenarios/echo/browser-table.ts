import { cpu, hasBrowserClient, minus, notApplicable, ratio, sides, signed, transportsOf } from '../../report/browser-cells.ts';
import { readable } from '../../report/format.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';

/** Round trips and bytes per message of the closed-loop echo, browser against node. */
export function echoBrowserTable(rows: readonly SummaryRow[]): string[] {
  const t = sides(rows, 'echo', (r) => r.ratePerS === undefined);
  if (t.browser.transports.length === 0) return [];
  const lines = [
    '### Echo, closed loop',
    '',
    'Round trips as each client times them (the page with `performance.now()`), and the bytes the server',
    'counted per message, up (client to server) and down; **Δ** is browser minus node: what the browser adds.',
    '',
    '| transport | p50 µs node | p50 µs browser | browser ÷ node | up B/msg node | up browser | Δ up | down B/msg node | down browser | Δ down | delivered / sent browser | browser CPU | note |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
  ];
  for (const transport of transportsOf(rows, 'echo')) {
    if (!hasBrowserClient(transport)) {
      lines.push(notApplicable(transport, 11));
      continue;
    }
    const n = (m: string) => t.node.median(transport, m);
    const b = (m: string) => t.browser.median(transport, m);
    lines.push(
      `| ${transport} | ${readable(n('rtt_p50'))} | ${readable(b('rtt_p50'))} | ${ratio(b('rtt_p50'), n('rtt_p50'))} | ` +
        `${readable(n('bytes_up_per_msg'))} | ${readable(b('bytes_up_per_msg'))} | ${signed(minus(b('bytes_up_per_msg'), n('bytes_up_per_msg')))} | ` +
        `${readable(n('bytes_down_per_msg'))} | ${readable(b('bytes_down_per_msg'))} | ${signed(minus(b('bytes_down_per_msg'), n('bytes_down_per_msg')))} | ` +
        `${readable(b('delivered'))} / ${readable(b('sent'))} | ${cpu(b)} | |`,
    );
  }
  return [...lines, ''];
}

