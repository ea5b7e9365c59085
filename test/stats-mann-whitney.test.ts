import { describe, expect, it } from 'vitest';
import { mannWhitney, smallestP } from '../bench/stats/index.ts';

/** The exact permutation p-value by brute force: every way to split the pooled values. */
function bruteForceP(a: number[], b: number[]): number {
  const pooled = [...a, ...b];
  const u = (x: number[], y: number[]) => x.reduce((s, v) => s + y.reduce((t, w) => t + (v > w ? 1 : v === w ? 0.5 : 0), 0), 0);
  const centre = (a.length * b.length) / 2;
  const observed = Math.abs(u(a, b) - centre);
  let extreme = 0;
  let all = 0;
  for (let mask = 0; mask < 1 << pooled.length; mask++) {
    const x = pooled.filter((_, i) => mask & (1 << i));
    if (x.length !== a.length) continue;
    const y = pooled.filter((_, i) => !(mask & (1 << i)));
    all++;
    if (Math.abs(u(x, y) - centre) >= observed - 1e-9) extreme++;
  }
  return extreme / all;
}

describe('mannWhitney', () => {
  it('gives p = 1 for identical samples', () => {
    const r = mannWhitney([5, 6, 7, 8, 9], [5, 6, 7, 8, 9]);
    expect(r.p).toBe(1);
    expect(r.u).toBe(12.5);
    expect(r.method).toBe('exact');
  });

  it('gives p = 1 when every value is the same', () => {
    expect(mannWhitney([3, 3, 3], [3, 3, 3, 3]).p).toBe(1);
  });

  it('gives the smallest possible p for clearly shifted samples', () => {
    expect(mannWhitney([1, 2, 3], [4, 5, 6]).p).toBeCloseTo(0.1, 12);
    expect(mannWhitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]).p).toBeCloseTo(2 / 252, 12);
    expect(mannWhitney([10, 11, 12, 13, 14, 15, 16, 17], [1, 2, 3, 4, 5, 6, 7, 8]).p).toBeCloseTo(2 / 12870, 12);
  });

  it('gives a middling p for overlapping samples (values from scipy)', () => {
    expect(mannWhitney([1, 3, 5, 7, 9], [2, 4, 6, 8, 10]).p).toBeCloseTo(0.6904761904761905, 12);
    expect(mannWhitney([1, 2, 3, 4, 5, 6], [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5]).p).toBeCloseTo(0.4452214452214452, 12);
  });

  it('is symmetric in its samples', () => {
    const a = [3.1, 4.7, 2.2, 9.0];
    const b = [5.5, 6.1, 7.3, 4.8, 8.8];
    expect(mannWhitney(a, b).p).toBeCloseTo(mannWhitney(b, a).p, 12);
  });

  it('stays exact with ties: matches brute-force enumeration', () => {
    const cases: [number[], number[]][] = [
      [[1, 1, 2, 2, 3], [2, 3, 3, 4, 4]],
      [[100, 100, 101, 103], [100, 102, 102, 103, 104, 104]],
      [[7, 7, 7], [7, 8, 8]],
    ];
    for (const [a, b] of cases) expect(mannWhitney(a, b).p).toBeCloseTo(bruteForceP(a, b), 12);
  });

  it('uses the normal approximation with tie and continuity correction for large samples (values from scipy)', () => {
    const a = Array.from({ length: 40 }, (_, i) => i);
    const b = Array.from({ length: 40 }, (_, i) => i + 10);
    const r = mannWhitney(a, b);
    expect(r.method).toBe('normal');
    expect(r.p).toBeCloseTo(0.0007691714821234269, 8);
    const tiedA = Array.from({ length: 4 }, () => [1, 1, 2, 2, 3, 5, 6, 7, 8, 9]).flat();
    const tiedB = Array.from({ length: 4 }, () => [2, 3, 3, 4, 4, 8, 9, 10, 11, 12]).flat();
    expect(mannWhitney(tiedA, tiedB).p).toBeCloseTo(0.001988260541229027, 8);
  });

  it('refuses an empty sample', () => {
    expect(() => mannWhitney([], [1])).toThrow(RangeError);
  });

  it('knows the smallest p that n1 and n2 trials can give', () => {
    expect(smallestP(3, 3)).toBeCloseTo(0.1, 12);
    expect(smallestP(6, 6)).toBeCloseTo(2 / 924, 12);
    expect(smallestP(2, 5)).toBeCloseTo(2 / 21, 12);
  });
});
