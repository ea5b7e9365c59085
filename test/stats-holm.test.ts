import { describe, expect, it } from 'vitest';
import { holm } from '../bench/stats/index.ts';

describe('holm', () => {
  it('adjusts a known example, keeping the input order', () => {
    // sorted: 0.005×4 = 0.02, 0.01×3 = 0.03, 0.03×2 = 0.06, 0.04×1 = 0.04 -> raised to 0.06 to stay monotone
    const adjusted = holm([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((want, i) => expect(adjusted[i]).toBeCloseTo(want, 12));
  });

  it('caps adjusted p-values at 1', () => {
    expect(holm([0.5, 0.9, 0.7])).toEqual([1, 1, 1]);
  });

  it('leaves a single test alone', () => {
    expect(holm([0.02])).toEqual([0.02]);
  });

  it('skips NaN and does not count it as a test', () => {
    const adjusted = holm([0.01, Number.NaN, 0.02]);
    expect(adjusted[0]).toBeCloseTo(0.02, 12);
    expect(adjusted[1]).toBeNaN();
    expect(adjusted[2]).toBeCloseTo(0.02, 12);
  });

  it('rejects what Bonferroni rejects, and sometimes more', () => {
    const p = [0.01, 0.02, 0.3];
    const bonferroni = p.map((v) => Math.min(1, v * p.length));
    const adjusted = holm(p);
    adjusted.forEach((a, i) => expect(a).toBeLessThanOrEqual(bonferroni[i] ?? 1));
    expect(adjusted[1]).toBeCloseTo(0.04, 12);
    expect(bonferroni[1]).toBeGreaterThan(0.05);
  });
});
