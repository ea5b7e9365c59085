import { encodeHistogram, mergeHistograms } from '../../stats/histogram.ts';
import type { V1Result } from '../scenario.ts';

/** What echo measures in one load process, and (merged) in one point. */
export interface EchoData {
  /** round trips, an encoded HDR histogram in µs; open loop: timed from the scheduled send */
  rtt: string;
  /** open loop: the same round trips timed from the actual send (coordinated omission shown) */
  rttUncorrected?: string;
  /** closed loop: warm-up round trips made before warmupS ran out, and how many were asked for */
  warmup?: { done: number; asked: number };
}

/** Histograms add bucket by bucket, warm-up counts sum. */
export function mergeEcho(parts: readonly EchoData[]): EchoData {
  const uncorrected = parts.flatMap((p) => (p.rttUncorrected === undefined ? [] : [p.rttUncorrected]));
  const warmups = parts.flatMap((p) => (p.warmup ? [p.warmup] : []));
  return {
    rtt: encodeHistogram(mergeHistograms(parts.map((p) => p.rtt))),
    ...(uncorrected.length > 0 ? { rttUncorrected: encodeHistogram(mergeHistograms(uncorrected)) } : {}),
    ...(warmups.length > 0 ? { warmup: { done: sum(warmups.map((w) => w.done)), asked: sum(warmups.map((w) => w.asked)) } } : {}),
  };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Schema 1 kept `rtt`, `rtt_uncorrected` and the warm-up counts under names. */
export function echoFromV1(old: V1Result): EchoData {
  const done = old.values?.['warmup_round_trips'];
  const asked = old.values?.['warmup_round_trips_asked'];
  const uncorrected = old.histograms['rtt_uncorrected'];
  return {
    rtt: old.histograms['rtt'] ?? encodeHistogram(mergeHistograms([])),
    ...(uncorrected === undefined ? {} : { rttUncorrected: uncorrected }),
    ...(done !== undefined && asked !== undefined ? { warmup: { done, asked } } : {}),
  };
}
