import { describe, expect, it } from 'vitest';
import { roundOrder, seedOf } from '../bench/compare/round-order.ts';

describe('roundOrder', () => {
  const orders = (seed: number, rounds: number) => Array.from({ length: rounds }, (_, i) => roundOrder(i + 1, seed));

  it('runs each side once a round, and each side first once in every pair of rounds', () => {
    for (const seed of [0, 1, 42, seedOf('cf9d67e83f'), seedOf('d347af28d6')]) {
      const o = orders(seed, 12);
      for (const round of o) expect([...round].sort()).toEqual(['base', 'head']);
      for (let pair = 0; pair < 6; pair++) expect(o[2 * pair]?.[0]).not.toBe(o[2 * pair + 1]?.[0]);
    }
  });

  it('is the same for the same seed, and not one fixed pattern for every seed', () => {
    expect(orders(7, 8)).toEqual(orders(7, 8));
    const patterns = new Set(Array.from({ length: 20 }, (_, seed) => orders(seed, 8).map((r) => r[0][0]).join('')));
    expect(patterns.size).toBeGreaterThan(4);
  });

  it('takes its seed from a commit hash', () => {
    expect(seedOf('0000000a')).toBe(10);
    expect(seedOf('cf9d67e83f')).toBe(0xcf9d67e8);
    expect(seedOf('not hex')).toBe(0);
  });
});
