import { cpu, ratio, sides } from '../../report/browser-cells.ts';
import { readable } from '../../report/format.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';

/** The last member's latency, browser against node, room by room. */
export function fanoutBrowserTable(rows: readonly SummaryRow[]): string[] {
  const fan = rows.filter((r) => r.scenario === 'fanout');
  if (!fan.some((r) => r.client === 'browser')) return [];
  // the room size is on the latency rows; the point's other rows carry the job's connection count
  const rooms = [...new Set(fan.filter((r) => r.metric.startsWith('fanout_')).map((r) => r.connections))].sort((a, b) => a - b);
  const lines = [
    '### Fan-out',
    '',
    'The chat room with every receiver in one page. An HTTP transport\'s receivers sit two to a frame, each',
    'further frame an iframe on a host of its own (`r1.localhost`, ...), since Chromium opens at most 6',
    'connections per host: as if each pair were a browser of its own. Arrival is timed in the receiving frame',
    'from the send time the sender stamped, on the clock all frames share (`performance.timeOrigin + now()`).',
    '',
    '| transport | room | last p50 µs node | last p50 µs browser | browser ÷ node | delivered / expected browser | reordered browser | browser CPU |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const room of rooms) {
    const t = sides(fan, 'fanout', (r) => r.connections === room);
    const whole = sides(fan, 'fanout');
    for (const transport of t.browser.transports) {
      const all = (m: string) => whole.browser.median(transport, m);
      const n = t.node.median(transport, 'fanout_last_p50');
      const b = (m: string) => t.browser.median(transport, m);
      lines.push(
        `| ${transport} | ${readable(room)} | ${readable(n)} | ${readable(b('fanout_last_p50'))} | ${ratio(b('fanout_last_p50'), n)} | ` +
          `${readable(b('delivered'))} / ${readable(b('sent'))} | ${readable(b('reordered'))} | ${cpu(all)} |`,
      );
    }
  }
  return [...lines, ''];
}

