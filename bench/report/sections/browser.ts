import { FigureTable } from '../figure-table.ts';
import { readable } from '../format.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import { hasBrowserClient } from '../../browser/support.ts';

type Side = 'node' | 'browser';

/** The two clients' tables over the same rows of one scenario (and one payload or room size, when given). */
function sides(rows: readonly SummaryRow[], scenario: string, keep: (r: SummaryRow) => boolean = () => true) {
  const of = (client: Side) => new FigureTable(rows.filter((r) => r.client === client && keep(r)), scenario);
  return { node: of('node'), browser: of('browser') };
}

const signed = (v: number | undefined) => (v === undefined ? '–' : `${v >= 0 ? '+' : ''}${readable(v)}`);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? '–' : `${(a / b).toFixed(2)}×`);
/** Chromium's CPU over the window (all its processes), as a share of the one core it had; ⚠ where saturated. */
const cpu = (b: (metric: string) => number | undefined) => {
  const pct = b('load_cpu_pct');
  return pct === undefined ? '–' : `${readable(pct)}%${(b('load_saturated') ?? 0) > 0 ? ' ⚠' : ''}`;
};
const minus = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : a - b);

/** Transports in the run, in the suite's order; `tcp` stays in the table, to say why it has no browser row. */
function transportsOf(rows: readonly SummaryRow[], scenario: string): string[] {
  return [...new Set(rows.filter((r) => r.scenario === scenario).map((r) => r.transport))];
}

const notApplicable = (transport: string, columns: number) =>
  `| ${transport} | ${Array.from({ length: columns }, () => '–').join(' | ')} | a browser cannot open a raw TCP socket |`;

function echoTable(rows: readonly SummaryRow[]): string[] {
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

/** The wire scenario at its smallest sizes: where headers, not payload, are most of what crosses. */
const WIRE_PAYLOADS = [64, 1024];

function wireTable(rows: readonly SummaryRow[]): string[] {
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
    'Fewer bytes down for the browser at larger sizes over `socketio-polling` is compression: engine.io gzips',
    'polling responses of 1 KiB and more when the request accepts it, as a browser\'s does; the suite\'s padding',
    'compresses far better than real data would.',
    '',
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

function fanoutTable(rows: readonly SummaryRow[]): string[] {
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

/**
 * Real Chromium against the Node clients, transport by transport: latency as a page sees it, and the
 * bytes a browser adds (its headers) per message. Empty when the run had no browser client.
 */
export function browserSection(rows: readonly SummaryRow[]): string[] {
  if (!rows.some((r) => r.client === 'browser')) return [];
  return [
    '## Browser client (headless Chromium) against the Node client',
    '',
    'The same servers, scenarios and envelope, loaded by a page in Debian\'s Chromium (driven by playwright-core)',
    'using the browser\'s own `WebSocket`, `EventSource` + `fetch`, `fetch` long-polling and the socket.io client',
    'bundle. Times are read in the page with `performance.now()` (the page is cross-origin isolated, so Chromium',
    'reads it to 5 µs, not 100 µs); bytes are counted by the server, as for every client. Chromium\'s processes',
    'share the load process\'s core, and DevTools watches its network traffic (Playwright keeps that on): a',
    'browser round trip crosses renderer, network service and kernel, where a Node client crosses only the kernel.',
    '`fetch` POSTs in flight together may take different connections and reach the server out of order: a page',
    'that needs order must wait for each POST, the Node clients keep one upstream connection.',
    '**Browser CPU** is every Chromium process\'s CPU time over the measured window as a share of a core;',
    '⚠ marks a point where the browser, not the transport, was the limit: one browser holding a whole room',
    'on one core is far busier than each member\'s own browser would be.',
    '',
    ...echoTable(rows),
    ...wireTable(rows),
    ...fanoutTable(rows),
  ];
}
