import type { RunRecord } from '../../results/run-record.ts';
import { runPrimaryRuntime, runRuntimes } from '../../results/point-runtime.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import { unsupportedPairs } from '../../run/plan.ts';
import { median, readable } from '../format.ts';

/**
 * The figures set side by side across runtimes: the headline of each scenario, lower-is-better but for
 * the rates. Only these: every figure of every runtime would bury the comparison.
 */
const COMPARED: Readonly<Record<string, { label: string; higherIsBetter?: boolean }>> = {
  rtt_p50: { label: 'p50 µs' },
  rtt_p99: { label: 'p99 µs' },
  server_cpu_us_per_msg: { label: 'server µs/msg' },
  bytes_up_per_msg: { label: 'B/msg up' },
  bytes_down_per_msg: { label: 'B/msg down' },
  max_msgs_per_s: { label: 'max msg/s', higherIsBetter: true },
  msgs_per_s: { label: 'msg/s', higherIsBetter: true },
  fanout_last_p50: { label: 'last member p50 µs' },
  heap_per_conn_bytes: { label: 'heap B/conn' },
  rss_per_conn_bytes: { label: 'RSS B/conn' },
};

/** One compared figure of one transport at one size: the median over its trials, by runtime. */
interface Line {
  key: string;
  scenario: string;
  transport: string;
  metric: string;
  size: string;
  byRuntime: Map<string, number[]>;
}

function linesOf(rows: readonly SummaryRow[]): Line[] {
  const lines = new Map<string, Line>();
  for (const r of rows) {
    if (r.client !== 'node' || !COMPARED[r.metric] || r.runtime === undefined) continue;
    const size = `${r.payloadBytes} B, ${r.connections} conn${r.ratePerS === undefined ? '' : `, ${r.ratePerS}/s`}`;
    const key = [r.scenario, r.transport, r.metric, size].join('|');
    let line = lines.get(key);
    if (!line) lines.set(key, (line = { key, scenario: r.scenario, transport: r.transport, metric: r.metric, size, byRuntime: new Map() }));
    const values = line.byRuntime.get(r.runtime) ?? [];
    values.push(r.value);
    line.byRuntime.set(r.runtime, values);
  }
  return [...lines.values()];
}

/** A cell: the median, and its ratio to the first runtime's where both were measured. */
function cell(values: number[] | undefined, base: number | undefined): string {
  const m = values && median(values);
  if (m === undefined) return '–';
  if (base === undefined || base === 0 || values === undefined) return readable(m);
  return `${readable(m)} (${(m / base).toFixed(2)}×)`;
}

/** The runtime with its version as its binary reported it, e.g. `node24 (v24.22.3)`. */
function runtimeLabel(run: RunRecord, name: string): string {
  const version = run.environment.runtimes?.find((r) => r.name === name)?.version;
  return version ? `${name} (${version})` : name;
}

/**
 * The report's comparison of runtimes: each transport's headline figures on every runtime the run
 * measured, as ratios to the first one's, all from this run. Absent for a run of one runtime.
 */
export function runtimesSection(run: RunRecord, rows: readonly SummaryRow[]): string[] {
  const runtimes = runRuntimes(run);
  if (runtimes.length < 2) return [];
  const primary = runPrimaryRuntime(run);
  const others = runtimes.filter((r) => r !== primary);
  const lines = linesOf(rows).filter((l) => l.byRuntime.size > 0);
  const skipped = unsupportedPairs(run.config);
  return [
    '## Runtimes side by side',
    '',
    `Every point's server and load processes ran on one runtime; each transport ran on each runtime it supports, in this run. ` +
      `The scenario sections above show ${primary}. Here: the median over trials, and in brackets the ratio to ${primary}'s ` +
      `(below 1× is less: faster for µs, fewer bytes, less memory; above 1× more, which for msg/s is better).`,
    '',
    `| scenario | transport | figure | size | ${runtimes.map((r) => runtimeLabel(run, r)).join(' | ')} |`,
    `|---|---|---|---|${runtimes.map(() => '--:').join('|')}|`,
    ...lines.map((l) => {
      const base = median(l.byRuntime.get(primary) ?? []);
      const cells = [cell(l.byRuntime.get(primary), undefined), ...others.map((r) => cell(l.byRuntime.get(r), base))];
      return `| ${l.scenario} | ${l.transport} | ${COMPARED[l.metric]?.label ?? l.metric} | ${l.size} | ${cells.join(' | ')} |`;
    }),
    '',
    ...(skipped.length
      ? ['Not measured, since the transport cannot run there:', '', ...skipped.map((s) => `- ${s.transport} on ${s.runtime}: ${s.reason}`), '']
      : []),
  ];
}

/** The figure the terminal summary sets side by side across runtimes: the round trip, the suite's first question. */
const SUMMARY_METRIC = 'rtt_p50';

/**
 * The terminal summary's lines for a run of several runtimes: each transport's echo p50 on every runtime,
 * as the ratio to the first runtime's where both were measured (plain text; the report has the rest).
 */
export function runtimesSummary(run: RunRecord, rows: readonly SummaryRow[]): string[] {
  const runtimes = runRuntimes(run);
  if (runtimes.length < 2) return [];
  const primary = runPrimaryRuntime(run);
  const lines = linesOf(rows).filter((l) => l.scenario === 'echo' && l.metric === SUMMARY_METRIC && l.byRuntime.size > 0);
  if (lines.length === 0) return [];
  return [
    `Runtimes, echo p50 µs (${lines[0]?.size ?? ''}); in brackets the ratio to ${primary}'s, same run:`,
    ...lines.map((l) => {
      const base = median(l.byRuntime.get(primary) ?? []);
      const cells = runtimes.flatMap((r) => (l.byRuntime.has(r) ? [`${r} ${cell(l.byRuntime.get(r), r === primary ? undefined : base)}`] : []));
      return `  ${l.transport.padEnd(12)} ${cells.join(', ')}`;
    }),
  ];
}
