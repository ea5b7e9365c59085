/**
 * A seeded pseudo-random source (mulberry32): the same seed gives the same stream on every machine,
 * so a bootstrap interval printed in CI can be reproduced exactly from the stored run.json files.
 * Written here rather than installed: it is ten lines, and statistical quality far beyond what
 * resampling a few dozen trials needs is not the point; reproducibility is.
 */
export type Random = () => number;

export const DEFAULT_SEED = 0x5eed;

/** Returns a function giving uniform numbers in [0, 1). */
export function seededRandom(seed: number = DEFAULT_SEED): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform whole number in [0, n). */
export function randomIndex(random: Random, n: number): number {
  return Math.floor(random() * n);
}
