import type { SearchPlan } from '../../load/rate-search.ts';
import type { SizesByProfile } from '../scenario.ts';

export interface BroadcastSizes extends SearchPlan {
  /** room sizes (receivers, the sender among them), one search each */
  rooms: number[];
  stepS: number;
  /**
   * the discarded closed-loop warm-up before each room's search (load.ts warmUpRoom): warmupBroadcasts
   * rounds to every member, in warmupS seconds at most (capped by the run's warm-up cap)
   */
  warmupS: number;
  warmupBroadcasts: number;
}

/** Broadcasts the warm-up keeps in flight: enough to keep a fast transport's server busy. */
export const WARMUP_WINDOW = 4;

/** Broadcast rates are lower than echo rates by the room's size: start low, narrow to within 5%, give up under 5 a second. */
const SEARCH = { resolution: 0.05, floorRate: 5, maxSteps: 20 };

export const BROADCAST_SIZES: SizesByProfile<BroadcastSizes> = {
  quick: { ...SEARCH, rooms: [100], startRate: 50, stepS: 0.5, warmupS: 1, warmupBroadcasts: 1000 },
  full: { ...SEARCH, rooms: [100, 1000], startRate: 50, stepS: 1, warmupS: 2, warmupBroadcasts: 2000 },
  ci: { ...SEARCH, rooms: [100], startRate: 50, stepS: 1, warmupS: 1, warmupBroadcasts: 1000 },
};
