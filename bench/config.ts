/** Every tunable of a run, in one named block (recorded whole in run.json). */
export interface BenchConfig {
  transports: string[];
  scenarios: string[];
  /** size of every measured message, the whole envelope, in bytes */
  payloadBytes: number;
  connections: number;
  /** measured messages per connection */
  messages: number;
  /** round trips per connection made and discarded before measuring */
  warmup: number;
  trials: number;
  outDir: string;
  quiet: boolean;
  /** how long one reply may take before its message counts as lost */
  replyTimeoutMs: number;
  /** how long one point (start, load, stop) may take before it is failed */
  pointTimeoutMs: number;
}

export const DEFAULTS = {
  payloadBytes: 64,
  connections: 1,
  messages: 2000,
  warmup: 200,
  trials: 1,
  outDir: 'results',
  replyTimeoutMs: 5_000,
  pointTimeoutMs: 120_000,
} as const;
