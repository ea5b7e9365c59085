import type { SizesByProfile } from '../scenario.ts';

export interface IdleSizes {
  /** connection counts held one after another; memory per connection is the slope over them */
  counts: number[];
  /** seconds of silence measured at the largest count, last, scaled to a minute (at least, see heartbeats) */
  windowS: number;
  /**
   * a transport with a heartbeat is watched for at least this many of its intervals, and for a whole
   * number of them, so that every connection's beats fall in the window the same number of times
   * whatever its phase (0: windowS for every transport)
   */
  heartbeats: number;
  /**
   * a quiet window at every count, not only at the largest: heartbeat bytes at each count of the fit
   * (the full profile, and --connections); the run waits beside only the last one (Scenario.waitsAfter)
   */
  windowEveryCount?: boolean;
  /** each connection makes one echo before it is held (idle-used: what a library builds on first use counts) */
  used?: boolean;
  /** connection attempts started a second at the most, over all load processes (absent: OPEN_RATE_PER_S) */
  openRatePerS?: number;
}

/** A ramp two cores take while holding what they already hold: 100,000 connections in under a minute. */
export const OPEN_RATE_PER_S = 2000;

/**
 * The counts `--connections N` holds: a ladder up to N (N/100, N/10, N/2, N), so that memory per
 * connection is a fit over several counts and its stability between the two largest can be seen.
 */
export function countsUpTo(connections: number): number[] {
  return [...new Set([connections / 100, connections / 10, connections / 2, connections].map(Math.round))].filter((c) => c >= 1);
}

export const IDLE_SIZES: SizesByProfile<IdleSizes> = {
  // two of every heartbeat (socket.io's 25 s pings and long polls: 50 s; WebSocket-Node's 20 s
  // keep-alives: 40 s), every transport at once (concurrent), so the default run waits 50 s once
  quick: { counts: [100, 400], windowS: 40, heartbeats: 2 },
  full: { counts: [1000, 5000, 10_000], windowS: 60, heartbeats: 2, windowEveryCount: true },
  // the gate judges memory and whatever bytes two seconds see: no heartbeat, no long wait
  ci: { counts: [100, 500], windowS: 2, heartbeats: 0 },
};

/**
 * The least window a transport with a heartbeat is watched for: short polling's 50 ms polls are steady
 * after a few dozen, and a window of windowS (40 s) kept its 400 idle clients (the quick profile) asking 8,000 times a second,
 * most of a core, beside the rest of the run (Scenario.waitsAfter).
 */
export const HEARTBEAT_WINDOW_MIN_S = 2;

/** The quiet window for a transport: windowS without a heartbeat; with one, whole intervals, at least `heartbeats` of them and HEARTBEAT_WINDOW_MIN_S. */
export function quietWindowS(sizes: IdleSizes, heartbeatS: number | undefined): number {
  if (heartbeatS === undefined || sizes.heartbeats === 0) return sizes.windowS;
  return heartbeatS * Math.max(sizes.heartbeats, Math.ceil(HEARTBEAT_WINDOW_MIN_S / heartbeatS - 1e-9));
}
