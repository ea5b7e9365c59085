import { hasBrowserClient, minus, notApplicable, sides, signed, transportsOf } from '../../report/browser-cells.ts';
import { readable } from '../../report/format.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import { wireNotes } from './notes.ts';

/** The wire scenario at its smallest sizes: where headers, not payload, are most of what crosses. */
const WIRE_PAYLOADS = [64, 1024];

/** Bytes per message, handshake and idle, browser minus node: what a browser's headers cost. */
export function wireBrowserTable(rows: readonly SummaryRow[]): string[] {
  const wire = rows.filter((r) => r.scenario === 'wire');
  if (!wire.some((r) => r.client === 'browser')) return [];
  const lines = [
    '### Wire bytes: what the browser\'s headers cost',
    '',
    'From the wire scenario (one connection, one exchange at a time), browser minus node, in bytes: per message',
    'up and down at each payload size, the handshake, and idle traffic per minute. For the HTTP transports the',
    'difference per message is the browser\'s request headers (`User-Agent`, `Origin`, `Referer`, `Sec-Fetch-*`,',
    '`Sec-CH-UA*`, `Accept-*`) on every request; over WebSocket it is only in the handshake. The page is at `/`,',
    'so its `Referer` is the shortest a page can send: a real application\'s costs at least this much.',
    ...wireNotes(transportsOf(rows, 'wire')),
    `| transport | ${WIRE_PAYLOADS.map((p) => `Δ up/msg @${p} B | Δ down/msg @${p} B`).join(' | ')} | handshake up node → browser | handshake down node → browser | Δ idle B/min | note |`,
    `|---|${WIRE_PAYLOADS.map(() => '--:|--:').join('|')}|--:|--:|--:|---|`,
  ];
  const all = sides(wire, 'wire', (r) => r.metric.startsWith('handshake') || r.metric.startsWith('idle'));
  for (const transport of transportsOf(rows, 'wire')) {
    if (!hasBrowserClient(transport)) {
      lines.push(notApplicable(transport, 2 * WIRE_PAYLOADS.length + 3));
      continue;
    }
    const perSize = WIRE_PAYLOADS.flatMap((size) => {
      const t = sides(wire, 'wire', (r) => r.payloadBytes === size);
      const d = (m: string) => signed(minus(t.browser.median(transport, m), t.node.median(transport, m)));
      return [d('bytes_up_per_msg'), d('bytes_down_per_msg')];
    });
    const pair = (m: string) => `${readable(all.node.median(transport, m))} → ${readable(all.browser.median(transport, m))}`;
    const idle = signed(minus(all.browser.median(transport, 'idle_bytes_per_min'), all.node.median(transport, 'idle_bytes_per_min')));
    lines.push(`| ${transport} | ${perSize.join(' | ')} | ${pair('handshake_bytes_up')} | ${pair('handshake_bytes_down')} | ${idle} | |`);
  }
  return [...lines, ''];
}

