import { describe, expect, it } from 'vitest';
import { median, medianCi, medianRatioCi, seededRandom } from '../bench/stats/index.ts';

/** A known sample: the n evenly spaced quantiles of an exponential distribution; its median is ln 2 · scale. */
function exponentialQuantiles(n: number, scale: number): number[] {
  return Array.from({ length: n }, (_, i) => -Math.log(1 - (i + 0.5) / n) * scale);
}

/** Random draws from an exponential distribution with median ln 2 · scale. */
function exponentialSample(n: number, scale: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => -Math.log(1 - random()) * scale);
}

describe('medianCi', () => {
  it('gives the sample median and the percentiles of its exact bootstrap distribution', () => {
    // 10..20: a resample's median is at most the k-th value when 6 or more of its 11 draws are, so
    // P(median <= 11) = 0.007 and P(median <= 12) = 0.051, P(median <= 17) = 0.949 and P(median <= 18) = 0.993:
    // the central 95% of the bootstrap medians lies from 12 to 18, far enough from the next values that
    // 2,000 resamples land there too (a range of the sample, 10 to 20, would hold for any interval)
    const values = [12, 15, 11, 19, 14, 13, 18, 16, 17, 10, 20];
    const ci = medianCi(values);
    expect(ci.median).toBe(15);
    expect(ci.low).toBe(12);
    expect(ci.high).toBe(18);
  });

  it('is as wide as theory says for a known sample', () => {
    const trueMedian = Math.LN2 * 100;
    const ci = medianCi(exponentialQuantiles(101, 100), { resamples: 2000 });
    expect(ci.median).toBeCloseTo(trueMedian, 9);
    // the sample median of an exponential has a relative standard error of 1 / (ln 2 · √n), 0.144 at
    // n = 101: a 95% interval of about ×/÷ e^(1.96 · 0.144), 52 to 92
    expect(ci.low).toBeGreaterThan(47);
    expect(ci.low).toBeLessThan(57);
    expect(ci.high).toBeGreaterThan(85);
    expect(ci.high).toBeLessThan(99);
  });

  it('covers the true median in most of many samples (nominal 95%)', () => {
    const trueMedian = Math.LN2 * 100;
    const tries = 100;
    let covered = 0;
    let logWidth = 0;
    for (let i = 0; i < tries; i++) {
      const ci = medianCi(exponentialSample(41, 100, 1000 + i), { resamples: 500, seed: i });
      if (ci.low <= trueMedian && trueMedian <= ci.high) covered++;
      logWidth += Math.log(ci.high / ci.low) / tries;
    }
    // the percentile bootstrap of a median runs a little under nominal at this size; far under is a bug,
    // and so is always covering it: an interval far too wide covers everything
    expect(covered).toBeGreaterThanOrEqual(85);
    expect(covered).toBeLessThanOrEqual(99);
    // 2 · 1.96 / (ln 2 · √41) = 0.88 on average, in logs
    expect(logWidth).toBeGreaterThan(0.7);
    expect(logWidth).toBeLessThan(1.05);
  });

  it('is reproducible: same seed, same interval; another seed may differ', () => {
    const values = exponentialSample(15, 10, 3);
    expect(medianCi(values, { seed: 42 })).toEqual(medianCi(values, { seed: 42 }));
    const widths = [1, 2, 3, 4].map((seed) => medianCi(values, { seed, resamples: 200 }));
    expect(new Set(widths.map((w) => `${w.low},${w.high}`)).size).toBeGreaterThan(1);
  });

  it('narrows as the confidence falls', () => {
    const values = exponentialSample(51, 10, 5);
    const wide = medianCi(values, { confidence: 0.99 });
    const narrow = medianCi(values, { confidence: 0.5 });
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
  });

  it('returns NaN bounds for no values and rejects nonsense options', () => {
    const ci = medianCi([]);
    expect(ci.median).toBeNaN();
    expect(ci.low).toBeNaN();
    expect(() => medianCi([1, 2], { confidence: 1.5 })).toThrow(RangeError);
    expect(() => medianCi([1, 2], { resamples: 0 })).toThrow(RangeError);
  });
});

describe('medianRatioCi', () => {
  it('covers the true ratio of two known samples', () => {
    const base = exponentialQuantiles(61, 100);
    const head = exponentialQuantiles(61, 120);
    const ci = medianRatioCi(head, base);
    expect(ci.ratio).toBeCloseTo(median(head) / median(base), 12);
    expect(ci.ratio).toBeCloseTo(1.2, 9);
    // each median's relative standard error is 1 / (ln 2 · √61) = 0.185, the ratio's √2 times that:
    // a 95% interval of about 1.2 ×/÷ e^(1.96 · 0.26), 0.72 to 2.0
    expect(ci.low).toBeGreaterThan(0.6);
    expect(ci.low).toBeLessThan(0.85);
    expect(ci.high).toBeGreaterThan(1.7);
    expect(ci.high).toBeLessThan(2.4);
  });

  it('excludes 1 for clearly separated samples and includes it for identical ones', () => {
    const base = [100, 102, 98, 101, 99, 100.5];
    const slower = base.map((v) => v * 1.2);
    expect(medianRatioCi(slower, base).low).toBeGreaterThan(1);
    const same = medianRatioCi(base, base);
    expect(same.low).toBeLessThanOrEqual(1);
    expect(same.high).toBeGreaterThanOrEqual(1);
  });

  it('treats zero against zero as no change', () => {
    expect(medianRatioCi([0, 0, 0], [0, 0, 0])).toEqual({ ratio: 1, low: 1, high: 1 });
  });
});
