import { POLL_INTERVAL_MS } from '../../../clients/polling.ts';
import type { SizesByProfile } from '../scenario.ts';

/**
 * How long the wire scenario watches. Bytes are deterministic, so a few messages per size suffice.
 * The idle window is the one figure that needs time: socket.io pings every 25 s, so only the full
 * profile's 50 s (two intervals, so the count does not hang on where the window falls) sees its
 * heartbeat; the quick window reports what a few seconds show, and the report says so.
 */
export interface WireSizes {
  messagesPerSize: number;
  idleS: number;
}

export const WIRE_WINDOWS: SizesByProfile<WireSizes> = {
  // idle bytes are the idle scenario's to measure well; this window only checks the sweep's connection
  quick: { messagesPerSize: 4, idleS: 1 },
  ci: { messagesPerSize: 4, idleS: 3 },
  full: { messagesPerSize: 20, idleS: 50 },
};

/** The sizes of the wire sweep, bytes of the whole message as everywhere in the suite. */
export const WIRE_SIZES = [16, 64, 256, 1024, 4096, 16 * 1024, 64 * 1024] as const;

/**
 * Pause after the last exchange of a window before its closing mark, so the client's next request (a
 * long-poll's new GET) lands inside it every time. Below the short-polling interval, so that polling's
 * handshake holds its first poll and no other.
 */
export const SETTLE_MS = Math.min(20, POLL_INTERVAL_MS / 2);
