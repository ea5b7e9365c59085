/**
 * Holm's step-down adjustment: controls the chance of even one false alarm across all the tests
 * (family-wise error rate) without assuming they are independent, which ours are not (p50, mean and
 * msgs/s of one transport move together). Uniformly more powerful than Bonferroni.
 *
 * Returns adjusted p-values in the input order: reject test i at level alpha when adjusted[i] < alpha.
 * NaN entries (tests that could not be run) stay NaN and do not count towards the number of tests.
 * Written here: ten lines; @stdlib/stats-padjust would bring a large dependency tree for them.
 */
export function holm(pValues: readonly number[]): number[] {
  const tested = pValues
    .map((p, index) => ({ p, index }))
    .filter((e) => !Number.isNaN(e.p))
    .sort((a, b) => a.p - b.p);
  const m = tested.length;
  const adjusted = pValues.map(() => Number.NaN);
  let runningMax = 0;
  tested.forEach(({ p, index }, i) => {
    // the running maximum keeps adjusted p-values in the same order as the raw ones
    runningMax = Math.max(runningMax, Math.min(1, (m - i) * p));
    adjusted[index] = runningMax;
  });
  return adjusted;
}
