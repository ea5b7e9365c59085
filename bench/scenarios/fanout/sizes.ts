import type { SizesByProfile } from '../scenario.ts';

export interface FanoutSizes {
  /** room sizes (receivers), one run each */
  rooms: number[];
  /** broadcasts per room, one at a time */
  broadcasts: number;
}

export const FANOUT_SIZES: SizesByProfile<FanoutSizes> = {
  quick: { rooms: [10, 100], broadcasts: 20 },
  full: { rooms: [10, 100, 1000], broadcasts: 200 },
  ci: { rooms: [50], broadcasts: 50 },
};

/** After the last broadcast, how long the room may take to receive it before the rest counts as lost. */
export const SETTLE_MS = 5_000;
/**
 * Nothing has arrived for this long since the last broadcast left (or the last arrival after it): the
 * rest is lost, not late. A broadcast spreads through a room of 1,000 within tens of ms here (a polling
 * member asks every 50 ms), so a room that lost some is reported within a second, its loss counted.
 */
export const QUIET_MS = 1_000;
/** Broadcasts are paced, not chained: one every this many µs per receiver, at least MIN_GAP_MS apart. */
const GAP_US_PER_RECEIVER = 100;
const MIN_GAP_MS = 10;

/** The pause between two broadcasts to a room of `size`, the same for the Node and the browser client. */
export const gapMsFor = (size: number) => Math.max(MIN_GAP_MS, (size * GAP_US_PER_RECEIVER) / 1000);
