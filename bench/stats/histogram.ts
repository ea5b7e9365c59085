import * as hdr from 'hdr-histogram-js';

/** Latency histograms: microseconds, 1 µs to 60 s, 3 significant digits (the report states these). */
export const HIGHEST_US = 60_000_000;
export const SIGNIFICANT_DIGITS = 3;

export type Histogram = hdr.Histogram;

export function createHistogram(): Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: SIGNIFICANT_DIGITS,
  });
}

/** Records a duration in microseconds; sub-microsecond values count as 1 µs, the histogram's floor. */
export function recordUs(h: Histogram, us: number): void {
  h.recordValue(Math.min(HIGHEST_US, Math.max(1, Math.round(us))));
}

export function encodeHistogram(h: Histogram): string {
  return hdr.encodeIntoCompressedBase64(h);
}

export function decodeHistogram(encoded: string): Histogram {
  return hdr.decodeFromCompressedBase64(encoded);
}

/** Merges encoded histograms exactly (counts add bucket by bucket), as from several load processes. */
export function mergeHistograms(encoded: readonly string[]): Histogram {
  const merged = createHistogram();
  for (const e of encoded) merged.add(decodeHistogram(e));
  return merged;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
  min: number;
}

export function summarize(h: Histogram): LatencySummary {
  return {
    count: h.totalCount,
    p50: h.getValueAtPercentile(50),
    p90: h.getValueAtPercentile(90),
    p99: h.getValueAtPercentile(99),
    p999: h.getValueAtPercentile(99.9),
    // the bucket's highest equivalent value, as a decoded histogram reports it: a live one would give
    // the exact recorded max, and the same data must summarise the same before and after encoding
    max: h.getValueAtPercentile(100),
    mean: h.mean,
    min: h.minNonZeroValue,
  };
}
