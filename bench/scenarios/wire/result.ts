import type { LoadJob } from '../../../protocol/control.ts';
import type { V1Result } from '../scenario.ts';

/** What one connection's sweep did; every load process holds one connection and sweeps alike. */
export interface WireData {
  messagesPerSize: number;
  idleWindowS: number;
}

/** The same sweep in every process: the first one's says what each did. */
export function mergeWire(parts: readonly WireData[]): WireData {
  return parts[0] ?? { messagesPerSize: 0, idleWindowS: 0 };
}

/** Schema 1 added `messages_per_size` and `idle_window_s` over the load processes. */
export function wireFromV1(old: V1Result, _sizes: unknown, job: LoadJob): WireData {
  const per = (key: string) => (old.values?.[key] ?? 0) / job.workers;
  return { messagesPerSize: per('messages_per_size'), idleWindowS: per('idle_window_s') };
}
