import { encodeHistogram, mergeHistograms } from '../../stats/histogram.ts';
import type { V1Result } from '../scenario.ts';
import type { WarmUpOutcome } from '../../load/warm-up.ts';

export type EchoWarmUp = Pick<WarmUpOutcome, 'done' | 'asked'> & Partial<Omit<WarmUpOutcome, 'done' | 'asked'>>;

/** What echo measures in one load process, and (merged) in one point. */
export interface EchoData {
  /** round trips, an encoded HDR histogram in µs; open loop: timed from the scheduled send */
  rtt: string;
  /** open loop: the same round trips timed from the actual send (coordinated omission shown) */
  rttUncorrected?: string;
  /**
   * closed loop: warm-up round trips made and the least asked for; whether the round-trip time settled
   * before warmupS, and each batch's median (absent from runs before the warm-up waited for it to settle)
   */
  warmup?: EchoWarmUp;
}

/** Histograms add bucket by bucket, warm-up counts sum. */
export function mergeEcho(parts: readonly EchoData[]): EchoData {
  const uncorrected = parts.flatMap((p) => (p.rttUncorrected === undefined ? [] : [p.rttUncorrected]));
  const warmups = parts.flatMap((p) => (p.warmup ? [p.warmup] : []));
  return {
    rtt: encodeHistogram(mergeHistograms(parts.map((p) => p.rtt))),
    ...(uncorrected.length > 0 ? { rttUncorrected: encodeHistogram(mergeHistograms(uncorrected)) } : {}),
    ...(warmups.length > 0 ? { warmup: mergeWarmUps(warmups) } : {}),
  };
}

/** Counts sum; settled only if every load process settled; the batches and the time are the slowest process's. */
function mergeWarmUps(warmups: readonly EchoWarmUp[]): EchoWarmUp {
  const merged: EchoWarmUp = { done: sum(warmups.map((w) => w.done)), asked: sum(warmups.map((w) => w.asked)) };
  if (warmups.some((w) => w.settled === undefined)) return merged;
  const slowest = warmups.reduce((a, b) => ((b.ms ?? 0) > (a.ms ?? 0) ? b : a));
  return { ...merged, settled: warmups.every((w) => w.settled), ...(slowest.batchP50Us ? { batchP50Us: slowest.batchP50Us } : {}), ...(slowest.ms !== undefined ? { ms: slowest.ms } : {}) };
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
