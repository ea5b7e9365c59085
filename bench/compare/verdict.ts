import type { MetricRule } from './metric-rules.ts';

export type Verdict = 'regression' | 'improvement' | 'same' | 'unknown';

export interface Decision {
  verdict: Verdict;
  /** why, in a few words, for the table */
  reason: string;
  /** an unknown that leans towards a regression: worth more rounds */
  suspect: boolean;
}

/** Fewer trials than this on a side cannot say anything about spread. */
export const MIN_TRIALS = 2;
/**
 * An unknown earns more rounds only when its ratio is beyond the minimum effect the bad way and either
 * its Holm p-value is within SUSPECT_FACTOR of alpha, or its own rank test (before Holm) is within
 * LEANING_FACTOR of alpha: close enough that more trials could make it significant. With 8 trials a
 * side only a near-complete separation survives Holm's correction over some 27 tests: 4 and 5 us
 * slowdowns of `ws` (+5 to +9%, p 0.02-0.05) stayed unknown at Holm p 0.7-1 and did not earn rounds
 * under the first condition alone. The second once also asked for the interval to lie above 1; a 5 us
 * run (ab5000-002752 of the README) then stopped after 8 rounds at +8.6%, p 0.0499, interval
 * 0.99-1.17, and passed. Of the 10 A/A runs measured under the old condition, 2 took extra rounds;
 * p < 0.1 would have given them to 2 more that stopped at 8, and one more round to one that stopped
 * at 11 (scripts/gate-replay.ts): time, not false alarms, as a regression still needs Holm, the
 * interval and the minimum effect.
 */
export const SUSPECT_FACTOR = 10;
export const LEANING_FACTOR = 2;

export interface NoisyEvidence {
  ratio: number;
  low: number;
  high: number;
  p: number;
  pAdjusted: number;
  nBase: number;
  nHead: number;
}

const decided = (verdict: Verdict, reason: string, suspect = false): Decision => ({ verdict, reason, suspect });

/**
 * A noisy metric is a regression only when three things agree: the rank test (after Holm) says the
 * sides differ, the ratio interval excludes 1 on the bad side, and the ratio itself is beyond the
 * minimum effect. It is `same` when the whole interval lies within the minimum effect, or when the
 * difference is significant but smaller than the minimum effect. Anything else is `unknown`.
 */
export function noisyVerdict(e: NoisyEvidence, better: MetricRule['better'], minEffect: number, alpha: number): Decision {
  if (Math.min(e.nBase, e.nHead) < MIN_TRIALS) return decided('unknown', `fewer than ${MIN_TRIALS} trials on a side`);
  const lowerIsBetter = better === 'lower';
  const worse = lowerIsBetter ? e.ratio > 1 + minEffect : e.ratio < 1 - minEffect;
  const improved = lowerIsBetter ? e.ratio < 1 - minEffect : e.ratio > 1 + minEffect;
  const intervalWorse = lowerIsBetter ? e.low > 1 : e.high < 1;
  const intervalBetter = lowerIsBetter ? e.high < 1 : e.low > 1;
  const significant = e.pAdjusted < alpha;
  if (significant && worse && intervalWorse) return decided('regression', 'significant, beyond the minimum effect');
  if (significant && improved && intervalBetter) return decided('improvement', 'significant, beyond the minimum effect');
  if (e.low >= 1 - minEffect && e.high <= 1 + minEffect) return decided('same', 'interval within the minimum effect');
  if (significant && !worse && !improved) return decided('same', 'significant but smaller than the minimum effect');
  if (significant) return decided('unknown', 'the rank test and the interval disagree', worse);
  const leaning = e.pAdjusted < SUSPECT_FACTOR * alpha || e.p < LEANING_FACTOR * alpha;
  return decided('unknown', 'not significant, interval too wide', worse && leaning);
}

/** Deterministic figures (wire bytes): any increase is a regression. */
export function exactVerdict(base: number, head: number): Decision {
  if (head > base) return decided('regression', 'more bytes');
  if (head < base) return decided('improvement', 'fewer bytes');
  return decided('same', 'identical');
}

/** Delivery counts and failed trials: should be zero; any appearing where base had none is a regression. */
export function countVerdict(base: readonly number[], head: readonly number[], medianOf: (v: readonly number[]) => number): Decision {
  const baseMax = Math.max(0, ...base);
  const headMax = Math.max(0, ...head);
  if (baseMax === 0 && headMax > 0) return decided('regression', 'appeared (none in base)');
  if (baseMax > 0 && headMax === 0) return decided('improvement', 'gone (none in head)');
  if (baseMax === 0) return decided('same', 'none on either side');
  const b = medianOf(base);
  const h = medianOf(head);
  if (h > b) return decided('unknown', 'more than base, which already had some');
  return h < b ? decided('improvement', 'fewer than base') : decided('same', 'as many as base');
}
