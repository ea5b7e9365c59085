import { ruleFor } from '../compare/metric-rules.ts';
import type { MetricComparison } from '../compare/compare-runs.ts';
import type { PointKey } from '../compare/samples.ts';
import { plainNumber } from '../report/format.ts';
import { medianCi } from '../stats/index.ts';
import type { SummaryRow } from './summary-csv.ts';

/**
 * benchmark.json: github-action-benchmark's `customSmallerIsBetter` input (a list of name, unit, value,
 * and optional range and extra), which Bencher reads too. Which metrics go in is what the scenarios'
 * gates judge with lower better, timings and bytes alike (bench/compare/metric-rules.ts): no list of
 * its own. Higher-is-better figures (push msgs/s, throughput's capacity) have no place in this form.
 * Counts that should stay zero (lost, failed) are left to the gate.
 */
export interface BenchmarkEntry {
  name: string;
  unit: string;
  value: number;
  /** `± half the 95% interval`, with several trials */
  range?: string;
  extra?: string;
}

/** A stable name for a metric at a point: what a dashboard tracks from run to run. */
export function benchmarkName(point: PointKey, metric: string): string {
  const at = [`${point.payloadBytes} B`, `${point.connections} conn`, ...(point.ratePerS === undefined ? [] : [`${point.ratePerS} msg/s`])];
  const client = point.client === 'node' ? '' : ` ${point.client}`;
  return `${point.scenario} ${point.transport}${client} ${metric} (${at.join(', ')})`;
}

const tracked = (metric: string, scenario: string) => {
  const rule = ruleFor(metric, scenario);
  return rule !== undefined && rule.kind !== 'count' && rule.better === 'lower';
};

/** One run's figures: each tracked metric's median over the run's trials, with its interval. */
export function benchmarkFromRows(rows: readonly SummaryRow[]): BenchmarkEntry[] {
  const groups = new Map<string, { point: PointKey; metric: string; unit: string; values: number[] }>();
  for (const r of rows) {
    if (!tracked(r.metric, r.scenario)) continue;
    const point: PointKey = { scenario: r.scenario, transport: r.transport, client: r.client, payloadBytes: r.payloadBytes, connections: r.connections, ...(r.ratePerS === undefined ? {} : { ratePerS: r.ratePerS }) };
    const name = benchmarkName(point, r.metric);
    const group = groups.get(name) ?? { point, metric: r.metric, unit: r.unit, values: [] };
    group.values.push(r.value);
    groups.set(name, group);
  }
  return [...groups.entries()].map(([name, g]) => {
    const ci = medianCi(g.values);
    const several = g.values.length > 1 && ci.high > ci.low;
    return {
      name,
      unit: g.unit,
      value: ci.median,
      ...(several ? { range: `± ${plainNumber((ci.high - ci.low) / 2)}` } : {}),
      extra: `median of ${g.values.length} trial${g.values.length === 1 ? '' : 's'}${several ? `; 95% interval ${plainNumber(ci.low)}–${plainNumber(ci.high)}` : ''}`,
    };
  });
}

const interval = (r: MetricComparison) =>
  r.ratioLow !== undefined && r.ratioHigh !== undefined && Number.isFinite(r.ratioLow) && Number.isFinite(r.ratioHigh)
    ? ` (95% interval ${plainNumber(r.ratioLow)}–${plainNumber(r.ratioHigh)})`
    : '';

/** A comparison's head side, with base beside it in `extra`: what the gate judged, as a dashboard tracks it. */
export function benchmarkFromComparison(rows: readonly MetricComparison[]): BenchmarkEntry[] {
  return rows
    .filter((r) => r.kind !== 'count' && r.better === 'lower' && Number.isFinite(r.head.median))
    .map((r) => ({
      name: benchmarkName(r.point, r.metric),
      unit: r.unit,
      value: r.head.median,
      extra: `head: median of ${r.head.n}; base: ${plainNumber(r.base.median)} (median of ${r.base.n}); head/base ${plainNumber(r.ratio)}${interval(r)}; verdict: ${r.verdict}`,
    }));
}

export const toBenchmarkJson = (entries: readonly BenchmarkEntry[]) => JSON.stringify(entries, null, 1) + '\n';
