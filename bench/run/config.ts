import type { PayloadKind } from '../../protocol/payload.ts';
import type { Target } from './target.ts';
import type { Client } from '../browser/support.ts';

/** Every tunable of a run, in one named block (recorded whole in run.json). */
export interface BenchConfig {
  transports: string[];
  /** who loads each transport: the Node clients, real Chromium, or both; absent (older runs): node */
  clients?: Client[];
  /** the runtimes the measured processes run on, the first the report's own (bench/runtimes); absent (older runs): the environment's node */
  runtimes?: string[];
  scenarios: string[];
  /** the profile whose sizes filled what the flags did not */
  profile: string;
  /** size of every measured message, the whole envelope, in bytes */
  payloadBytes: number;
  /** what fills each message after the envelope's header (protocol/payload.ts); absent (older runs): padding */
  payloadKind?: PayloadKind;
  connections: number;
  /** measured messages per connection */
  messages: number;
  /** round trips per connection made and discarded before measuring */
  warmup: number;
  trials: number;
  /** trials of the scenarios that differ from `trials` (from the profile, unless --trials was given) */
  scenarioTrials: Record<string, number>;
  /** open loop: messages per second offered over all connections; undefined for closed loop */
  ratePerS?: number;
  /** open loop: seconds measured, after warmupS discarded seconds at the same rate */
  durationS: number;
  warmupS: number;
  /** measure the plain ping-pong before every point (see Profile) */
  yardstickEachPoint?: boolean;
  /** every scenario's own sizes, by scenario name: its profile's, or what --connections made of them */
  sizes: Record<string, unknown>;
  /** load processes per point */
  workers: number;
  outDir: string;
  quiet: boolean;
  /** how long one reply may take before its message counts as lost */
  replyTimeoutMs: number;
  /** the searches for a limit pass a step while its p99 stays under this, µs (--p99-bound, ms) */
  p99BoundUs: number;
  /** how long one point (start, load, stop) may take before it is failed */
  pointTimeoutMs: number;
  /** load servers started elsewhere (`npm run serve`, loopback only) instead of starting its own */
  target?: Target;
}

export const DEFAULTS = {
  payloadBytes: 64,
  connections: 1,
  messages: 2000,
  warmup: 200,
  trials: 1,
  durationS: 3,
  warmupS: 1,
  workers: 1,
  outDir: 'results',
  replyTimeoutMs: 5_000,
  p99BoundUs: 10_000,
  pointTimeoutMs: 120_000,
} as const;
