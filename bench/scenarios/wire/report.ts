import { WIRE_SIZES, WIRE_WINDOWS } from './sizes.ts';
import { heartbeatsOf, listHeartbeats } from '../../report/heartbeats.ts';
import { wireHeaderBytes } from './exchange.ts';
import { chartEmbed } from '../../report/charts/chart.ts';
import { wireOverheadChart } from './chart.ts';
import { readable } from '../../report/format.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import { breakdownTables } from './report-breakdown.ts';
import { RowLookup, scenarioRows } from '../../report/row-lookup.ts';
import type { ScenarioReport } from '../../report/scenario-report.ts';
import { wireNotes } from './notes.ts';
import { wireBrowserTable } from './browser-table.ts';
import type { WireSizes } from './sizes.ts';

const sizeLabel = (size: number) => (size >= 1024 ? `${size / 1024} KiB` : `${size} B`);

function sweepTable(t: RowLookup, title: string, cell: (transport: string, size: number) => string): string[] {
  return [
    title,
    '',
    `| transport | ${WIRE_SIZES.map(sizeLabel).join(' | ')} |`,
    `|---|${WIRE_SIZES.map(() => '--:').join('|')}|`,
    ...t.transports.map((x) => `| ${x} | ${WIRE_SIZES.map((size) => cell(x, size)).join(' | ')} |`),
    '',
  ];
}

/** The smallest size at which a wire message carries the whole envelope (its first message's header). */
const ENVELOPE_HEADER_BYTES = wireHeaderBytes(0);

/** What the idle window could see of the run's transports' heartbeats, stated from its own length. */
function idleNote(idleS: number, transports: readonly string[]): string {
  const beats = heartbeatsOf(transports);
  const unseen = beats.filter((h) => h.seconds > idleS);
  const full = WIRE_WINDOWS.full.idleS;
  const base = `Idle: bytes over a ${readable(idleS)} s window with the connection open and quiet, scaled to a minute.`;
  if (unseen.length === 0) return beats.length === 0 ? base : `${base} The window spans ${listHeartbeats(beats)}, so they are counted, not guessed.`;
  return (
    `${base} **A ${readable(idleS)} s window cannot see a heartbeat that comes less often**: ${listHeartbeats(unseen)}, ` +
    `so a 0 for them here means "none in ${readable(idleS)} s", not "none".` +
    (full > idleS ? ` The full profile (\`--profile full\`) watches ${readable(full)} s.` : '')
  );
}

/** The wire section: handshake and idle bytes, the payload sweep, its overhead ratio and the breakdown by part. */
function wireSection(rows: readonly SummaryRow[]): string[] {
  const own = scenarioRows(rows, 'wire');
  const t = new RowLookup(own);
  if (t.transports.length === 0) return [];
  const idleS = (t.get(t.transports[0] ?? '', 'idle_window_us') ?? 0) / 1e6;
  const lines = [
    '## Wire bytes: handshake, per message, idle',
    '',
    'Counted on the server\'s TCP sockets (every byte of every connection the transport opened), one connection,',
    'closed-loop echoes. Bytes are deterministic for the same versions, so a few messages per size and one trial',
    `suffice. Every message is the suite's envelope padded to its size (its header is ${ENVELOPE_HEADER_BYTES} B here, with the`,
    'one-letter sender and zero time the wire scenario sends; a size below that would be `e|` and padding, which the server echoes alike).',
    '',
    '| transport | handshake up B | handshake down B | idle B/min |',
    '|---|--:|--:|--:|',
    ...t.transports.map(
      (x) =>
        `| ${x} | ${readable(t.get(x, 'handshake_bytes_up'))} | ${readable(t.get(x, 'handshake_bytes_down'))} | ${readable(t.get(x, 'idle_bytes_per_min'))} |`,
    ),
    '',
    idleNote(idleS, t.transports),
    '',
    ...sweepTable(t, '### Bytes per message, up / down', (x, size) => {
      const up = t.get(x, 'bytes_up_per_msg', { payloadBytes: size });
      const down = t.get(x, 'bytes_down_per_msg', { payloadBytes: size });
      return up === undefined ? '–' : `${readable(up)} / ${readable(down)}`;
    }),
    ...sweepTable(t, '### Overhead ratio: wire bytes ÷ payload bytes (an echo: both directions over twice the payload)', (x, size) => {
      const ratio = t.get(x, 'overhead_ratio', { payloadBytes: size });
      return ratio === undefined ? '–' : `${ratio.toFixed(2)}×`;
    }),
    ...wireNotes(t.transports),
    ...chartEmbed(wireOverheadChart, rows),
    '### Breakdown by part, from the captured bytes',
    '',
    'The server kept the bytes its sockets moved during two windows and the breakdown read them back (HTTP',
    'start lines and headers, chunk framing, WebSocket frame headers and masks, engine.io and socket.io',
    'envelopes, the message itself). Every byte belongs to exactly one part, so the parts add up to what was',
    'captured; `counted` is what the byte meter counted over the same window, and `adds up` checks the two agree.',
    '',
    ...breakdownTables(t),
  ];
  return lines;
}

export const wireReport: ScenarioReport<WireSizes> = {
  section: ({ rows }) => wireSection(rows),
  charts: [wireOverheadChart],
  browserTable: ({ allRows }) => wireBrowserTable(allRows),
  variantFigures: [
    { metric: 'handshake_bytes_up', label: 'handshake bytes up, wire scenario (extension offers included), B' },
    { metric: 'handshake_bytes_down', label: 'handshake bytes down, wire scenario, B' },
    { metric: 'idle_bytes_per_min', label: 'idle bytes per minute, B' },
  ],
};
