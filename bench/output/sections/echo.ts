import { FigureTable } from '../aggregate.ts';
import { readable } from '../format.ts';
import type { SummaryRow } from '../summary-csv.ts';

export const FLOOR = 'tcp';

function ratio(value: number | undefined, floor: number | undefined): string {
  return value === undefined || floor === undefined || floor === 0 ? '–' : `${(value / floor).toFixed(2)}×`;
}

/** The echo table: latency, its ratio to the tcp floor, and bytes per message. */
export function echoSection(rows: readonly SummaryRow[]): string[] {
  const t = new FigureTable(rows, 'echo');
  if (t.transports.length === 0) return [];
  const floor = t.median(FLOOR, 'rtt_p50');
  const lines = [
    '## Echo: round-trip latency and bytes per message (closed loop)',
    '',
    'Each connection sends one message, waits for the server to echo it, then sends the next. Latency is',
    'the round trip seen by the client; bytes are counted on the server\'s sockets over the measured window',
    'and divided by the messages sent (so polling\'s extra requests and responses are included).',
    '',
    '| transport | p50 µs | p99 µs | max µs | p50 ÷ tcp | bytes up / msg | bytes down / msg | delivered / sent |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const transport of t.ranked('rtt_p50').map((e) => e.transport)) {
    const m = (metric: string) => t.median(transport, metric);
    lines.push(
      `| ${transport} | ${readable(m('rtt_p50'))} | ${readable(m('rtt_p99'))} | ${readable(m('rtt_max'))} | ` +
        `${ratio(m('rtt_p50'), floor)} | ${readable(m('bytes_up_per_msg'))} | ${readable(m('bytes_down_per_msg'))} | ` +
        `${readable(m('delivered'))} / ${readable(m('sent'))} |`,
    );
  }
  lines.push('');
  if (t.transports.length > 1 && t.transports.length > t.ranked('rtt_p50').length) {
    lines.push(`Not measured (failed): ${t.transports.filter((x) => t.median(x, 'rtt_p50') === undefined).join(', ')}.`, '');
  }
  return lines;
}

/** Sentences built from this run's echo figures: which transport led and by how much. */
export function echoVerdict(rows: readonly SummaryRow[]): string[] {
  const t = new FigureTable(rows, 'echo');
  const latency = t.ranked('rtt_p50').filter((e) => e.transport !== FLOOR);
  const floor = t.median(FLOOR, 'rtt_p50');
  const verdict: string[] = [];
  const best = latency[0];
  const worst = latency[latency.length - 1];
  if (best && worst) {
    const vsFloor = floor ? ` (${(best.value / floor).toFixed(2)}× the raw TCP floor of ${readable(floor)} µs)` : '';
    verdict.push(
      `- Lowest echo latency: **${best.transport}**, p50 ${readable(best.value)} µs${vsFloor}; ` +
        `highest: **${worst.transport}**, ${readable(worst.value)} µs, ${(worst.value / best.value).toFixed(1)}× ${best.transport}.`,
    );
  }
  const bytes = t.transports
    .filter((x) => x !== FLOOR)
    .map((transport) => ({
      transport,
      value: (t.median(transport, 'bytes_up_per_msg') ?? NaN) + (t.median(transport, 'bytes_down_per_msg') ?? NaN),
    }))
    .filter((e) => Number.isFinite(e.value))
    .sort((a, b) => a.value - b.value);
  const lean = bytes[0];
  const heavy = bytes[bytes.length - 1];
  if (lean && heavy) {
    verdict.push(
      `- Fewest wire bytes per echo (up + down): **${lean.transport}**, ${readable(lean.value)} B; ` +
        `most: **${heavy.transport}**, ${readable(heavy.value)} B, ${(heavy.value / lean.value).toFixed(1)}× as many.`,
    );
  }
  const lossy = t.transports.filter((x) => (t.median(x, 'lost') ?? 0) > 0 || (t.median(x, 'duplicated') ?? 0) > 0);
  verdict.push(
    lossy.length === 0
      ? '- Delivery: every measured echo came back exactly once on every transport.'
      : `- Delivery problems (lost or duplicated echoes): ${lossy.join(', ')}; see the table.`,
  );
  return verdict;
}
