import { CI_DEFAULTS } from '../../stats/bootstrap.ts';
import { FigureTable } from '../../report/figure-table.ts';
import { chartEmbed } from '../../report/charts/chart.ts';
import { echoBytesChart } from './chart-bytes.ts';
import { echoLatencyChart } from './chart-latency.ts';
import { FLOOR, ratioWithCi, withCi } from '../../report/cells.ts';
import { readable } from '../../report/format.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import type { ScenarioReport } from '../../report/scenario-report.ts';
import { echoBrowserTable } from './browser-table.ts';
import type { EchoSizes } from './scenario.ts';
import { serverCostSection } from './server-cost.ts';
import { echoSummary } from './summary.ts';

const closedRows = (rows: readonly SummaryRow[]) => rows.filter((r) => r.scenario === 'echo' && r.ratePerS === undefined);
const openRows = (rows: readonly SummaryRow[]) => rows.filter((r) => r.scenario === 'echo' && r.ratePerS !== undefined);

function closedLoopTable(rows: readonly SummaryRow[]): string[] {
  const t = new FigureTable(closedRows(rows), 'echo');
  if (t.transports.length === 0) return [];
  const lines = [
    '### Closed loop',
    '',
    'Each connection sends one message, waits for its echo, then sends the next. Medians across trials, with',
    `the ${CI_DEFAULTS.confidence * 100}% bootstrap interval in brackets when there were several trials.`,
    '',
    '| transport | p50 µs | p99 µs | max µs | p50 ÷ tcp | bytes up / msg | bytes down / msg | delivered / sent |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const { transport } of t.ranked('rtt_p50')) {
    const m = (metric: string) => readable(t.median(transport, metric));
    lines.push(
      `| ${transport} | ${withCi(t, transport, 'rtt_p50')} | ${withCi(t, transport, 'rtt_p99')} | ${m('rtt_max')} | ` +
        `${ratioWithCi(t, transport, 'rtt_p50')} | ${m('bytes_up_per_msg')} | ${m('bytes_down_per_msg')} | ${m('delivered')} / ${m('sent')} |`,
    );
  }
  return [...lines, ''];
}

function openLoopTable(rows: readonly SummaryRow[]): string[] {
  const open = openRows(rows);
  const t = new FigureTable(open, 'echo');
  if (t.transports.length === 0) return [];
  const rate = open[0]?.ratePerS ?? 0;
  const lines = [
    `### Open loop at ${readable(rate)} messages/s`,
    '',
    'Messages leave on a fixed schedule whatever the replies do. **Corrected** latency is timed from when a',
    'message was *scheduled*, so a stall counts against every message it held up; **uncorrected** from when',
    'it actually left, which hides such stalls (coordinated omission). A large gap between the two, or many',
    'late sends, means something held the sender back.',
    '',
    '| transport | p50 µs | p99 µs | p99.9 µs | uncorrected p99 µs | late sends | msgs/s | p99 ÷ tcp | delivered / sent |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const { transport } of t.ranked('rtt_p99')) {
    const m = (metric: string) => readable(t.median(transport, metric));
    lines.push(
      `| ${transport} | ${withCi(t, transport, 'rtt_p50')} | ${withCi(t, transport, 'rtt_p99')} | ${m('rtt_p999')} | ` +
        `${withCi(t, transport, 'rtt_uncorrected_p99')} | ${m('late_sends')} | ${m('msgs_per_s')} | ` +
        `${ratioWithCi(t, transport, 'rtt_p99')} | ${m('delivered')} / ${m('sent')} |`,
    );
  }
  return [...lines, ''];
}

/** The echo section: latency, its ratio to the tcp floor, and bytes per message. */
function echoSection(rows: readonly SummaryRow[]): string[] {
  const t = new FigureTable(rows, 'echo');
  if (t.transports.length === 0) return [];
  const lines = [
    '## Echo: round-trip latency and bytes per message',
    '',
    '`p50 ÷ tcp` is the transport\'s median round trip over raw TCP\'s in the same run. Bytes are counted on',
    'the server\'s sockets over the measured window and divided by the messages sent, so polling\'s extra',
    'requests and SSE\'s upstream POSTs are included.',
    '',
    ...closedLoopTable(rows),
    ...openLoopTable(rows),
  ];
  const failed = t.transports.filter((x) => t.median(x, 'rtt_p50') === undefined);
  if (failed.length > 0) lines.push(`Not measured (failed): ${failed.join(', ')}.`, '');
  lines.push(...chartEmbed(echoLatencyChart, rows), ...chartEmbed(echoBytesChart, rows));
  return [...lines, ...serverCostSection(rows)];
}

/** Sentences built from this run's echo figures: which transport led and by how much. */
function echoVerdict(rows: readonly SummaryRow[]): string[] {
  const closed = closedRows(rows);
  const t = new FigureTable(closed.length > 0 ? closed : openRows(rows), 'echo');
  const metric = closed.length > 0 ? 'rtt_p50' : 'rtt_p99';
  const label = closed.length > 0 ? 'p50' : 'open-loop p99';
  const latency = t.ranked(metric).filter((e) => e.transport !== FLOOR);
  const verdict: string[] = [];
  const best = latency[0];
  const worst = latency[latency.length - 1];
  if (best && worst === best) {
    const vsFloor = t.median(FLOOR, metric) ? ` — ${ratioWithCi(t, best.transport, metric)} the raw TCP floor` : '';
    verdict.push(`- Echo latency: **${best.transport}**, ${label} ${readable(best.value)} µs${vsFloor}.`);
  } else if (best && worst) {
    const vsFloor = t.median(FLOOR, metric) ? ` — ${ratioWithCi(t, best.transport, metric)} the raw TCP floor` : '';
    verdict.push(
      `- Lowest echo latency: **${best.transport}**, ${label} ${readable(best.value)} µs${vsFloor}; ` +
        `highest: **${worst.transport}**, ${readable(worst.value)} µs, ${ratioWithCi(t, worst.transport, metric, best.transport)} ${best.transport}.`,
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
  if (lean && heavy === lean) {
    verdict.push(`- Wire bytes per echo (up + down): **${lean.transport}**, ${readable(lean.value)} B.`);
  } else if (lean && heavy) {
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

export const echoReport: ScenarioReport<EchoSizes> = {
  section: ({ rows }) => echoSection(rows),
  charts: [echoLatencyChart, echoBytesChart],
  verdict: ({ rows }) => echoVerdict(rows),
  browserTable: ({ allRows }) => echoBrowserTable(allRows),
  summary: echoSummary,
  variantFigures: [
    { metric: 'bytes_up_per_msg', label: 'wire bytes up per message, B' },
    { metric: 'bytes_down_per_msg', label: 'wire bytes down per message, B' },
    { metric: 'server_cpu_us_per_msg', label: 'server CPU per message, µs' },
    { metric: 'rtt_p50', label: 'echo round trip p50, µs' },
    { metric: 'rtt_p99', label: 'echo round trip p99, µs' },
  ],
};
