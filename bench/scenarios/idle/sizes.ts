import type { SizesByProfile } from '../scenario.ts';

export interface IdleSizes {
  /** connection counts held one after another; memory per connection is the slope over them */
  counts: number[];
  /** seconds of silence measured at the smallest count, scaled to a minute */
  windowS: number;
}

export const IDLE_SIZES: SizesByProfile<IdleSizes> = {
  // half a second of quiet: no heartbeat of the defaults comes that soon, so longer only costs time
  quick: { counts: [100, 400], windowS: 0.5 },
  // a minute of silence sees socket.io's 25 s pings, WebSocket-Node's keep-alives and long polls ending
  full: { counts: [1000, 5000, 10_000], windowS: 60 },
  ci: { counts: [100, 500], windowS: 2 },
};
