/** The median of numbers already sorted ascending; NaN for none. */
export function sortedMedian(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  const upper = sorted[mid] ?? Number.NaN;
  return n % 2 ? upper : ((sorted[mid - 1] ?? Number.NaN) + upper) / 2;
}

/** The median of any numbers; NaN for none. */
export function median(values: readonly number[]): number {
  return sortedMedian(Float64Array.from(values).sort());
}
