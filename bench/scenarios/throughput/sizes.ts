import type { SizesByProfile } from '../scenario.ts';

export interface ThroughputSizes {
  /** payload sizes, one search each */
  sizes: number[];
  /** the offered rate starts here and doubles each step up to maxRate */
  startRate: number;
  maxRate: number;
  stepS: number;
  /** a step passes while its p99 stays under this bound */
  p99BoundUs: number;
}

const MS = 1000;

export const THROUGHPUT_SIZES: SizesByProfile<ThroughputSizes> = {
  quick: { sizes: [64], startRate: 500, maxRate: 16_000, stepS: 0.4, p99BoundUs: 10 * MS },
  full: { sizes: [64, 1024, 16 * 1024], startRate: 500, maxRate: 128_000, stepS: 3, p99BoundUs: 10 * MS },
  ci: { sizes: [64], startRate: 500, maxRate: 16_000, stepS: 1, p99BoundUs: 10 * MS },
};
