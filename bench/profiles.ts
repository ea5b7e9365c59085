/**
 * Named sizes for a run. A flag given on the command line wins over its profile's value.
 * quick: the default `npm run bench`, a few minutes here. full: the sizes the issues name, longer.
 * ci: what the regression gate repeats for base and head, small enough to alternate them several times.
 */
import type { ScenarioSizes } from '../protocol/control.ts';

export interface Profile {
  messages: number;
  warmup: number;
  trials: number;
  durationS: number;
  warmupS: number;
  sizes: ScenarioSizes;
}

const MS = 1000;

export const PROFILES: Record<string, Profile> = {
  quick: {
    messages: 1000,
    warmup: 200,
    trials: 3,
    durationS: 3,
    warmupS: 1,
    sizes: {
      throughput: { sizes: [64], startRate: 500, maxRate: 32_000, stepS: 1, p99BoundUs: 10 * MS },
      push: { clients: [1, 20], messages: 2000 },
      fanout: { rooms: [10, 100], broadcasts: 50 },
    },
  },
  full: {
    messages: 5000,
    warmup: 500,
    trials: 5,
    durationS: 10,
    warmupS: 2,
    sizes: {
      throughput: { sizes: [64, 1024, 16 * 1024], startRate: 500, maxRate: 128_000, stepS: 3, p99BoundUs: 10 * MS },
      push: { clients: [1, 100], messages: 20_000 },
      fanout: { rooms: [10, 100, 1000], broadcasts: 200 },
    },
  },
  ci: {
    messages: 1000,
    warmup: 200,
    trials: 2,
    durationS: 3,
    warmupS: 1,
    sizes: {
      throughput: { sizes: [64], startRate: 500, maxRate: 16_000, stepS: 1, p99BoundUs: 10 * MS },
      push: { clients: [20], messages: 2000 },
      fanout: { rooms: [50], broadcasts: 50 },
    },
  },
};

export const DEFAULT_PROFILE = 'quick';
