import { findTransport } from '../../../transports/registry.ts';
import type { ScenarioReport } from '../../report/scenario-report.ts';
import { EXTRAPOLATED_CLIENTS, OVERHEAD_SIZES, type OverheadSizes } from './stage.ts';
import { readable } from '../../report/format.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import { RowLookup, scenarioRows } from '../../report/row-lookup.ts';

/**
 * websocket.org, 2010: Peter Lubbers and Frank Greco, "HTML5 Web Sockets: A Quantum Leap in Scalability for
 * the Web". 871 B of headers per poll against a 2 B WebSocket frame, N clients once a second. Their Mbps are
 * 2^20 bits a second (871 × 8 × 1,000 / 2^20 = 6.6), and ours use the same unit so the columns compare.
 */
const ORIGINAL = [
  { clients: 1000, polling: '6.6', webSocket: '0.015' },
  { clients: 10_000, polling: '66', webSocket: '0.153' },
  { clients: 100_000, polling: '665', webSocket: '1.526' },
] as const;
const MBPS = 2 ** 20 / 8; // bytes a second in one of the original's Mbps

const mbps = (bytesPerS: number | undefined) => (bytesPerS === undefined ? undefined : bytesPerS / MBPS);
const fmt = (v: number | undefined) => (v === undefined ? '–' : v < 1 ? v.toFixed(3) : readable(v));

function cell(t: RowLookup, transport: string, clients: number, sizes: OverheadSizes): string {
  if (clients === EXTRAPOLATED_CLIENTS) {
    const v = mbps(t.get(transport, 'overhead_bytes_per_s_extrapolated', { connections: clients }));
    const from = t.get(transport, 'extrapolated_from_connections', { connections: clients });
    return v === undefined ? '–' : `${fmt(v)} *(extrapolated from ${readable(from)})*`;
  }
  if (t.get(transport, 'skipped', { connections: clients })) return 'not measured: open-files limit';
  const v = mbps(t.get(transport, 'overhead_bytes_per_s', { connections: clients }));
  if (v !== undefined) return fmt(v);
  return sizes.clients.includes(clients) ? '–' : 'full profile only';
}

/** The 2010 header-overhead table beside this run's own bytes for every transport. */
function overheadSection(rows: readonly SummaryRow[], sizes: OverheadSizes, autocannon: string): string[] {
  const t = new RowLookup(scenarioRows(rows, 'overhead'));
  if (t.transports.length === 0) return [];
  const counts = ORIGINAL.map((o) => o.clients);
  const lines = [
    '## Header overhead at scale: the 2010 table redone',
    '',
    'websocket.org (Lubbers and Greco, "HTML5 Web Sockets: A Quantum Leap in Scalability for the Web", 2010)',
    'put 871 B of HTTP headers on every poll against 2 B of WebSocket framing, and multiplied out N clients',
    'polled once a second. Ours are measured: N real clients of each transport, each getting one broadcast',
    'message a second, every byte on the server\'s sockets counted for the window, minus the payload the window',
    `carried, over ${readable(sizes.windowS)} s per count. Megabits as in the original: 2^20 bits a second. This run measured`,
    `${sizes.clients.map(readable).join(' and ')} clients; the full profile measures ${OVERHEAD_SIZES.full.clients.map(readable).join(' and ')}, each only`,
    `where this machine's open-files limit holds it. ${readable(EXTRAPOLATED_CLIENTS)} are **extrapolated** linearly`,
    'from the largest measured count, never measured.',
    '',
    `| source | transport | ${counts.map((c) => `${readable(c)} clients Mbps`).join(' | ')} | overhead B per delivered message |`,
    `|---|---|${counts.map(() => '--:').join('|')}|--:|`,
    `| 2010 original | polling | ${ORIGINAL.map((o) => o.polling).join(' | ')} | 871 |`,
    `| 2010 original | WebSocket | ${ORIGINAL.map((o) => o.webSocket).join(' | ')} | 2 |`,
  ];
  const ranked = [...t.transports].sort((a, b) => (t.get(a, 'overhead_bytes_per_s', { connections: 1000 }) ?? Infinity) - (t.get(b, 'overhead_bytes_per_s', { connections: 1000 }) ?? Infinity));
  for (const x of ranked) {
    const perMessage = t.get(x, 'overhead_bytes_per_delivery', { connections: 1000 });
    lines.push(`| this run | ${x} | ${counts.map((c) => cell(t, x, c, sizes)).join(' | ')} | ${fmt(perMessage)} |`);
  }
  lines.push('', ...deliveryNotes(t), ...autocannonNotes(t, autocannon), '');
  return lines;
}

function deliveryNotes(t: RowLookup): string[] {
  const short = t.transports.filter((x) => {
    const got = t.get(x, 'delivered', { connections: 1000 });
    const expected = t.get(x, 'expected_deliveries', { connections: 1000 });
    return got !== undefined && expected !== undefined && got < expected;
  });
  return short.length === 0
    ? ['Every client got every broadcast of the window at 1,000 clients.']
    : [`Fewer deliveries than broadcasts × clients at 1,000 clients (see summary.csv \`delivered\`): ${short.join(', ')}.`];
}

/** What autocannon itself measured, for each transport it loaded (one whose client polls on a timer). */
function autocannonNotes(t: RowLookup, autocannon: string): string[] {
  return t.transports.flatMap((transport) => {
    const rate = t.get(transport, 'autocannon_requests_per_s', { connections: 1000 });
    if (rate === undefined) return [];
    const bytes = t.get(transport, 'autocannon_bytes_per_s', { connections: 1000 });
    const p50 = t.get(transport, 'autocannon_latency_p50_us', { connections: 1000 });
    const every = findTransport(transport)?.pollIntervalMs;
    const asks = every === undefined ? 'asks more often than once a second' : `asks every ${every} ms, ${readable(1000 / every)} times what the 2010 table assumes`;
    return [
      '',
      `\`${transport}\` at 1,000 clients is loaded by **${autocannon}** (one keep-alive connection per client, \`connectionRate: 1\`,`,
      `GET /poll with the clients' ids in turn), because its own client ${asks}.`,
      `autocannon itself measured ${readable(rate)} requests/s and ${readable(bytes)} B/s of responses`,
      `(its whole run, warm-up included), median latency ${readable(p50)} µs; the Mbps above are the server's socket counts.`,
    ];
  });
}

export const overheadReport: ScenarioReport<OverheadSizes> = {
  // runs before autocannon's version was recorded name it alone
  section: ({ rows, sizes, run }) => overheadSection(rows, sizes, ['autocannon', run.environment.packages?.['autocannon']].filter(Boolean).join(' ')),
};
