import type { V1Result } from '../scenario.ts';
import type { PushSizes } from './sizes.ts';

/** One stream size: every receiver asked once for `messages`; what arrived, and how long the slowest took. */
export interface PushStream {
  clients: number;
  delivered: number;
  sent: number;
  /** from the request to the last arrival, µs: the slowest load process's */
  elapsedUs: number;
}

export interface PushData {
  streams: PushStream[];
}

/** Counts add; durations do not (the slowest load process's is the stream's). */
export function mergePush(parts: readonly PushData[]): PushData {
  const [first] = parts;
  if (!first) return { streams: [] };
  return {
    streams: first.streams.map((stream, i) => {
      const all = parts.flatMap((p) => p.streams[i] ?? []);
      return {
        clients: stream.clients,
        delivered: all.reduce((a, s) => a + s.delivered, 0),
        sent: all.reduce((a, s) => a + s.sent, 0),
        elapsedUs: Math.max(0, ...all.map((s) => s.elapsedUs)),
      };
    }),
  };
}

/** Schema 1 kept `<clients>.delivered`, `<clients>.sent` and `<clients>.elapsedUs.w<worker>`. */
export function pushFromV1(old: V1Result, sizes: PushSizes): PushData {
  const values = old.values ?? {};
  return {
    streams: sizes.clients.map((clients) => ({
      clients,
      delivered: values[`${clients}.delivered`] ?? 0,
      sent: values[`${clients}.sent`] ?? 0,
      elapsedUs: Math.max(0, ...Object.entries(values).filter(([k]) => k.startsWith(`${clients}.elapsedUs.`)).map(([, v]) => v)),
    })),
  };
}
