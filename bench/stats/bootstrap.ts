import { sortedMedian } from './median.ts';
import { DEFAULT_SEED, randomIndex, seededRandom, type Random } from './prng.ts';

/**
 * Percentile bootstrap confidence intervals for a median and for a ratio of medians. The resampling
 * draws from a seeded generator (see prng.ts): the same values and seed always give the same interval,
 * so a verdict in CI can be reproduced from the stored runs. Written here rather than installed: no
 * maintained npm package offers a seeded bootstrap of a median or a ratio, and it is short.
 *
 * With very few values the percentile interval is coarse (with 3 values it can only end on one of
 * them) and somewhat narrow; treat it as a description of the trials, not a guarantee.
 */
export interface CiOptions {
  /** 0.95 for a 95% interval */
  confidence?: number;
  resamples?: number;
  seed?: number;
}

export const CI_DEFAULTS = { confidence: 0.95, resamples: 2000, seed: DEFAULT_SEED } as const;

export interface MedianCi {
  median: number;
  low: number;
  high: number;
}

export interface RatioCi {
  /** median(head) / median(base) */
  ratio: number;
  low: number;
  high: number;
}

function settings(options: CiOptions): Required<CiOptions> {
  const s = { ...CI_DEFAULTS, ...options };
  if (!(s.confidence > 0 && s.confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${s.confidence}`);
  if (!Number.isInteger(s.resamples) || s.resamples < 1) throw new RangeError(`resamples must be a whole number >= 1, got ${s.resamples}`);
  return s;
}

/** The median of one resample (with replacement) of `values`, using `scratch` to avoid allocating. */
function resampledMedian(values: readonly number[], scratch: Float64Array, random: Random): number {
  for (let i = 0; i < scratch.length; i++) scratch[i] = values[randomIndex(random, values.length)] ?? Number.NaN;
  return sortedMedian(scratch.sort());
}

/** The two percentiles that bound the central `confidence` share of the bootstrap estimates. */
function percentileInterval(estimates: Float64Array, confidence: number): { low: number; high: number } {
  estimates.sort();
  const tail = (1 - confidence) / 2;
  const last = estimates.length - 1;
  const low = estimates[Math.max(0, Math.floor(tail * estimates.length))] ?? Number.NaN;
  const high = estimates[Math.min(last, Math.ceil((1 - tail) * estimates.length) - 1)] ?? Number.NaN;
  return { low, high };
}

/** The median of `values` with a bootstrap confidence interval; NaNs for no values. */
export function medianCi(values: readonly number[], options: CiOptions = {}): MedianCi {
  const { confidence, resamples, seed } = settings(options);
  const median = sortedMedian(Float64Array.from(values).sort());
  if (values.length === 0) return { median, low: Number.NaN, high: Number.NaN };
  const random = seededRandom(seed);
  const scratch = new Float64Array(values.length);
  const estimates = new Float64Array(resamples);
  for (let i = 0; i < resamples; i++) estimates[i] = resampledMedian(values, scratch, random);
  return { median, ...percentileInterval(estimates, confidence) };
}

/** 0/0 counts as "no change" so that a metric that stays at zero compares as equal. */
function ratioOf(head: number, base: number): number {
  return head === 0 && base === 0 ? 1 : head / base;
}

/**
 * median(head) / median(base) with a bootstrap interval, each sample resampled on its own (the trials of
 * the two sides are independent runs). A base median of zero gives an infinite ratio.
 */
export function medianRatioCi(head: readonly number[], base: readonly number[], options: CiOptions = {}): RatioCi {
  const { confidence, resamples, seed } = settings(options);
  const ratio = ratioOf(sortedMedian(Float64Array.from(head).sort()), sortedMedian(Float64Array.from(base).sort()));
  if (head.length === 0 || base.length === 0) return { ratio, low: Number.NaN, high: Number.NaN };
  const random = seededRandom(seed);
  const headScratch = new Float64Array(head.length);
  const baseScratch = new Float64Array(base.length);
  const estimates = new Float64Array(resamples);
  for (let i = 0; i < resamples; i++) {
    estimates[i] = ratioOf(resampledMedian(head, headScratch, random), resampledMedian(base, baseScratch, random));
  }
  return { ratio, ...percentileInterval(estimates, confidence) };
}
