/**
 * Named sizes for a run. A flag given on the command line wins over its profile's value.
 * quick: the default `npm run bench`, a few minutes here. full: the sizes the issues name, longer.
 * ci: what the regression gate repeats for base and head, small enough to alternate them several times.
 */
export interface Profile {
  messages: number;
  warmup: number;
  trials: number;
  durationS: number;
  warmupS: number;
}

export const PROFILES: Record<string, Profile> = {
  quick: { messages: 1000, warmup: 200, trials: 3, durationS: 3, warmupS: 1 },
  full: { messages: 5000, warmup: 500, trials: 5, durationS: 10, warmupS: 2 },
  ci: { messages: 1000, warmup: 200, trials: 1, durationS: 3, warmupS: 1 },
};

export const DEFAULT_PROFILE = 'quick';
