import type { SizesByProfile } from '../scenario.ts';

export interface PushSizes {
  /** receiver counts, one stream each */
  clients: number[];
  /** messages streamed to each receiver */
  messages: number;
}

export const PUSH_SIZES: SizesByProfile<PushSizes> = {
  quick: { clients: [1, 20], messages: 2000 },
  full: { clients: [1, 100], messages: 20_000 },
  ci: { clients: [20], messages: 2000 },
};

/**
 * A stream that has received nothing for this long has ended: what is missing was lost. A stream that
 * flows never pauses so long (the server resumes a paused push within a millisecond of its peer reading;
 * the machine's stalls last tens of ms), so a lossy transport is reported promptly, its loss counted.
 */
export const STREAM_QUIET_MS = 2_000;

/**
 * The most one stream may take, whatever still trickles in: every stream of a point together stays
 * under the point's timeout (bench/run/config.ts, 120 s), so a slow transport gives figures, not a failure.
 */
export const STREAM_TIMEOUT_MS = 45_000;
