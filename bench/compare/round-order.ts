import { seededRandom } from '../stats/prng.ts';

export type SideName = 'base' | 'head';

/**
 * Which side runs first in each round. Always base first lets anything that comes back once a round
 * fall on one side only: in one 8-round A/A collection with base always first, `longpoll` was slow
 * (p50 over 170 us, against 100-125 us) in 8 of the head side's 16 trials and none of base's, with
 * the plain ping-pong about 20% slower in the same windows. The order is drawn in pairs of rounds, one
 * of each order (so the two sides go first equally often), from a generator seeded by the base commit:
 * reproducible for a comparison, different between comparisons.
 */
export function roundOrder(round: number, seed: number): [SideName, SideName] {
  const pair = Math.floor((round - 1) / 2);
  const random = seededRandom(seed + pair);
  const baseFirstInPair = random() < 0.5;
  const baseFirst = round % 2 === 1 ? baseFirstInPair : !baseFirstInPair;
  return baseFirst ? ['base', 'head'] : ['head', 'base'];
}

/** A seed from a commit's hash, so that every base gets its own order. */
export function seedOf(commit: string): number {
  const n = Number.parseInt(commit.slice(0, 8), 16);
  return Number.isFinite(n) ? n : 0;
}
