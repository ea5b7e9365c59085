import { summaryRows } from '../results/summary-csv.ts';
import type { RunRecord } from '../results/run-record.ts';
import { CI_DEFAULTS, holm, mannWhitney, median, medianRatioCi } from '../stats/index.ts';
import { ruleFor, type MetricKind, type MetricRule } from './metric-rules.ts';
import { commitOf } from './read-figures.ts';
import { environmentDiff, type EnvironmentDiff } from './environment-diff.ts';
import { withRelativeFigures } from './relative-figures.ts';
import { pairSamples, type MetricSamples, type PointKey, type Side } from './samples.ts';
import { countVerdict, exactVerdict, noisyVerdict, type Decision, type Verdict } from './verdict.ts';

/** Every tunable of the gate, in one block (recorded whole in the JSON form). */
export interface GateOptions {
  /** smallest relative change of a timing metric worth calling, e.g. 0.05 */
  minEffect: number;
  /** family-wise error rate for the Holm-corrected rank tests */
  alpha: number;
  confidence: number;
  resamples: number;
  seed: number;
}

export const GATE_DEFAULTS: GateOptions = { minEffect: 0.05, alpha: 0.05, ...CI_DEFAULTS };

/**
 * Wire bytes that vary between trials of one side (polling transports: extra polls now and then) are
 * not deterministic after all; they are tested like timings, with this smaller minimum effect.
 */
export const JITTERY_BYTES_MIN_EFFECT = 0.01;

export interface MetricComparison extends Decision {
  point: PointKey;
  metric: string;
  unit: string;
  kind: MetricKind;
  better: MetricRule['better'];
  /** the minimum effect this row was judged with (tested rows only): the gate's, or its metric's own */
  minEffect?: number;
  base: { n: number; median: number };
  head: { n: number; median: number };
  /** median(head) / median(base), with its bootstrap interval for tested metrics */
  ratio: number;
  ratioLow?: number;
  ratioHigh?: number;
  p?: number;
  pAdjusted?: number;
}

export interface Comparison {
  base: { runId: string; commit: string };
  head: { runId: string; commit: string };
  options: GateOptions;
  rows: MetricComparison[];
  counts: Record<Verdict, number>;
  regressed: boolean;
  /** how many rank tests Holm corrected for */
  tests: number;
  /** what differs in the environment each side ran in (node, library versions loaded), when both runs are at hand */
  environment?: EnvironmentDiff;
}

const varies = (values: readonly number[]) => values.some((v) => v !== values[0]);

interface Pending {
  samples: MetricSamples;
  rule: MetricRule;
  minEffect: number;
  p: number;
}

/** Compares two run records, both read through this code's scenarios. */
export function compareRuns(base: RunRecord, head: RunRecord, options: Partial<GateOptions> = {}): Comparison {
  const side = (run: RunRecord): Side => ({ runId: run.runId, commit: commitOf(run), rows: summaryRows(run) });
  return { ...compareSides(side(base), side(head), options), environment: environmentDiff(base, head) };
}

/** Compares head against base, metric by metric; see verdict.ts for how each verdict is reached. */
export function compareSides(base: Side, head: Side, options: Partial<GateOptions> = {}): Comparison {
  const o: GateOptions = { ...GATE_DEFAULTS, ...options };
  const pending: Pending[] = [];
  for (const samples of pairSamples(withRelativeFigures(base.rows), withRelativeFigures(head.rows))) {
    const rule = ruleFor(samples.metric, samples.point.scenario);
    if (!rule) continue;
    const tested = rule.kind === 'noisy' || (rule.kind === 'exact' && (varies(samples.base) || varies(samples.head)));
    const both = samples.base.length > 0 && samples.head.length > 0;
    const p = tested && both ? mannWhitney(samples.head, samples.base).p : Number.NaN;
    const minEffect = rule.kind === 'exact' ? JITTERY_BYTES_MIN_EFFECT : Math.max(o.minEffect, rule.minEffect ?? 0);
    pending.push({ samples, rule: tested ? { ...rule, kind: 'noisy' } : rule, minEffect, p });
  }
  const adjusted = holm(pending.map((e) => e.p));
  const rows = pending.map((e, i) => judge(e, adjusted[i] ?? Number.NaN, o));
  const counts: Record<Verdict, number> = { regression: 0, improvement: 0, same: 0, unknown: 0 };
  for (const r of rows) counts[r.verdict]++;
  return {
    base: { runId: base.runId, commit: base.commit },
    head: { runId: head.runId, commit: head.commit },
    options: o,
    rows,
    counts,
    regressed: counts.regression > 0,
    tests: pending.filter((e) => !Number.isNaN(e.p)).length,
  };
}

function judge({ samples, rule, minEffect, p }: Pending, pAdjusted: number, o: GateOptions): MetricComparison {
  const { base, head } = samples;
  const shared = {
    point: samples.point,
    metric: samples.metric,
    unit: samples.unit,
    kind: rule.kind,
    better: rule.better,
    ...(rule.kind === 'noisy' ? { minEffect } : {}),
    base: { n: base.length, median: median(base) },
    head: { n: head.length, median: median(head) },
  };
  const ratio = shared.head.median === 0 && shared.base.median === 0 ? 1 : shared.head.median / shared.base.median;
  if (base.length === 0 || head.length === 0) {
    const side = base.length === 0 ? 'base' : 'head';
    return { ...shared, ratio, verdict: 'unknown', reason: `not measured in ${side}`, suspect: false };
  }
  if (rule.kind === 'count') return { ...shared, ratio, ...countVerdict(base, head, median) };
  if (rule.kind === 'exact') return { ...shared, ratio, ...exactVerdict(shared.base.median, shared.head.median) };
  const ci = medianRatioCi(head, base, o);
  const evidence = { ratio: ci.ratio, low: ci.low, high: ci.high, p, pAdjusted, nBase: base.length, nHead: head.length };
  return {
    ...shared,
    ratio: ci.ratio,
    ratioLow: ci.low,
    ratioHigh: ci.high,
    p,
    pAdjusted,
    ...noisyVerdict(evidence, rule.better, minEffect, o.alpha),
  };
}
