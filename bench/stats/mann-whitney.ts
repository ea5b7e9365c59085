import { normalUpperTail } from './normal.ts';
import { rank } from './ranks.ts';

/**
 * The Mann-Whitney U test (Wilcoxon rank-sum), two-sided: do the two samples come from the same
 * distribution, or does one tend to give larger values?
 *
 * Small samples (the usual case here: a handful of trials per side) get the exact p-value: the
 * permutation distribution of the rank sum, counted by dynamic programming over the actual mid-ranks,
 * so it stays exact when values tie (HDR percentiles are bucketed and do tie). Larger samples use the
 * normal approximation with the tie-corrected variance and a continuity correction of 1/2.
 *
 * Written here rather than installed: the npm packages that exist (mann-whitney-utest and its fork)
 * give only the normal approximation, which is poor for 3-10 trials, and simple-statistics gives the
 * rank-sum statistic without a p-value.
 */
export interface RankTestResult {
  /** U of the first sample: how many (a, b) pairs have a > b, ties counting one half */
  u: number;
  /** two-sided p-value */
  p: number;
  method: 'exact' | 'normal';
}

/** Pooled sizes up to this get the exact distribution (a few milliseconds at most). */
export const EXACT_MAX_TOTAL = 60;

export function mannWhitney(a: readonly number[], b: readonly number[]): RankTestResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('mannWhitney needs at least one value in each sample');
  const { ranks, tieSizes } = rank([...a, ...b]);
  const rankSum = ranks.slice(0, n1).reduce((s, r) => s + r, 0);
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  if (n1 + n2 <= EXACT_MAX_TOTAL) return { u, p: exactP(ranks, n1), method: 'exact' };
  return { u, p: normalP(u, n1, n2, tieSizes), method: 'normal' };
}

/**
 * P(|W - E[W]| >= |w - E[W]|) over all ways to choose which n1 of the pooled (mid-)ranks belong to the
 * first sample, all equally likely under the null hypothesis. Doubled ranks are whole numbers, so sums
 * are counted exactly.
 */
function exactP(ranks: readonly number[], n1: number): number {
  const doubled = ranks.map((r) => Math.round(r * 2));
  const total = doubled.reduce((s, r) => s + r, 0);
  // ways[k][s]: how many k-subsets of the ranks seen so far sum to s
  const ways = Array.from({ length: n1 + 1 }, () => new Float64Array(total + 1));
  const first = ways[0];
  if (first) first[0] = 1;
  let reach = 0;
  for (const r of doubled) {
    reach += r;
    for (let k = n1; k >= 1; k--) {
      const to = ways[k];
      const from = ways[k - 1];
      if (!to || !from) continue;
      for (let s = reach; s >= r; s--) to[s] = (to[s] ?? 0) + (from[s - r] ?? 0);
    }
  }
  const counts = ways[n1] ?? new Float64Array(0);
  const observed = doubled.slice(0, n1).reduce((s, r) => s + r, 0);
  // twice the expected doubled rank sum, to keep the comparison in whole numbers
  const centre2 = (n1 * total * 2) / ranks.length;
  const distance2 = Math.abs(observed * 2 - centre2);
  let extreme = 0;
  let all = 0;
  counts.forEach((count, s) => {
    all += count;
    if (Math.abs(s * 2 - centre2) >= distance2 - 1e-9) extreme += count;
  });
  return Math.min(1, extreme / all);
}

function normalP(u: number, n1: number, n2: number, tieSizes: readonly number[]): number {
  const n = n1 + n2;
  const tieTerm = tieSizes.reduce((s, t) => s + (t * t * t - t), 0) / (n * (n - 1));
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm);
  if (variance <= 0) return 1; // every value equal: nothing to tell apart
  const z = Math.max(0, Math.abs(u - (n1 * n2) / 2) - 0.5) / Math.sqrt(variance);
  return Math.min(1, 2 * normalUpperTail(z));
}

/** The smallest two-sided p-value any data can give with these sample sizes (no ties): 2 / C(n1+n2, n1). */
export function smallestP(n1: number, n2: number): number {
  let choose = 1;
  for (let i = 1; i <= Math.min(n1, n2); i++) choose = (choose * (n1 + n2 - Math.min(n1, n2) + i)) / i;
  return Math.min(1, 2 / choose);
}
