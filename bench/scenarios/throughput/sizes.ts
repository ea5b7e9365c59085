import type { SearchPlan } from '../../load/rate-search.ts';
import type { SizesByProfile } from '../scenario.ts';

export interface ThroughputSizes extends SearchPlan {
  /** payload sizes, one search each at every connection count */
  payloads: number[];
  /** connection counts the offered rate is spread over, one search each */
  connections: number[];
  stepS: number;
  /**
   * the discarded closed-loop warm-up before each search (load/open-loop.ts closedLoopWarmUp): warmupEchoes echoes
   * back, WARMUP_WINDOW in flight per connection, in warmupS seconds at most (capped by the run's warm-up
   * cap, so `--warmup-s 0` turns it off)
   */
  warmupS: number;
  warmupEchoes: number;
  /** a failed step is the machine's when the load process waited for a core this share of it (default load/stall.ts STALL_WAIT_SHARE; 1: never) */
  stallWaitShare?: number;
}

/** Every profile narrows the limit to within 5%, gives up below 20 msg/s (short polling's 50 ms polls pass nothing), and tries the bracket's top once more at the end. */
const SEARCH = { resolution: 0.05, floorRate: 20, maxSteps: 24, confirmTop: true };

/** Echoes each connection keeps in flight in the warm-up: enough to run a fast transport near its limit. */
export const WARMUP_WINDOW = 16;

export const THROUGHPUT_SIZES: SizesByProfile<ThroughputSizes> = {
  quick: { ...SEARCH, payloads: [64], connections: [1, 100], startRate: 1000, stepS: 0.4, warmupS: 1, warmupEchoes: 30_000 },
  full: { ...SEARCH, payloads: [64, 1024, 16 * 1024], connections: [1, 100, 1000, 10_000], startRate: 1000, stepS: 1, warmupS: 2, warmupEchoes: 60_000 },
  ci: { ...SEARCH, payloads: [64], connections: [1], startRate: 500, stepS: 1, warmupS: 1, warmupEchoes: 30_000 },
};

/** With --connections, the searches run at that count only. */
export const throughputWithConnections = (sizes: ThroughputSizes, connections: number): ThroughputSizes => ({ ...sizes, connections: [connections] });
