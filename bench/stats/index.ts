/** The statistics the regression gate and the report use; each piece lives in its own file. */
export { medianCi, medianRatioCi, CI_DEFAULTS, type CiOptions, type MedianCi, type RatioCi } from './bootstrap.ts';
export { holm } from './holm.ts';
export { mannWhitney, smallestP, EXACT_MAX_TOTAL, type RankTestResult } from './mann-whitney.ts';
export { median, sortedMedian } from './median.ts';
export { seededRandom, DEFAULT_SEED, type Random } from './prng.ts';
