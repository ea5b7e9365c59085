import { describe, expect, it } from 'vitest';
import { createHistogram, decodeHistogram, encodeHistogram, mergeHistograms, recordUs, summarize } from '../bench/stats/histogram.ts';
import { mergeLoadResults } from '../bench/results/merge-load-results.ts';
import type { LoadResult } from '../protocol/control.ts';
import type { EchoData } from '../bench/scenarios/echo/result.ts';
import { echo } from '../bench/scenarios/echo/scenario.ts';
import { micro } from '../bench/scenarios/micro/scenario.ts';
import { seededRandom } from '../bench/stats/index.ts';

function workerResult(values: number[], delivered: number): LoadResult<EchoData> {
  const h = createHistogram();
  for (const v of values) recordUs(h, v);
  return {
    data: { rtt: encodeHistogram(h), warmup: { done: 10, asked: 20 } },
    delivery: { sent: delivered + 1, delivered, lost: 1, duplicated: 0, reordered: 2 },
    schedule: { lagUs: delivered, lateSends: 3 },
    health: { elapsedUs: 1e6, cpuUs: delivered * 10, loopDelayP99Us: delivered, loopDelayMaxUs: delivered * 2 },
  };
}

describe('merging the results of several load processes', () => {
  const random = seededRandom(7);
  const a = Array.from({ length: 5000 }, () => 20 + random() * 500);
  const b = Array.from({ length: 3000 }, () => 100 + random() * 20_000);

  it('histograms from two workers merged equal one histogram of all their values', () => {
    const whole = createHistogram();
    for (const v of [...a, ...b]) recordUs(whole, v);
    const [ha, hb] = [a, b].map((values) => {
      const h = createHistogram();
      for (const v of values) recordUs(h, v);
      return encodeHistogram(h);
    });
    const merged = mergeHistograms([ha!, hb!]);
    const { mean: mergedMean, ...mergedRest } = summarize(merged);
    const { mean: wholeMean, ...wholeRest } = summarize(whole);
    expect(mergedRest).toEqual(wholeRest);
    expect(mergedMean).toBeCloseTo(wholeMean, 6); // the same counts, summed in another order
    for (const q of [1, 10, 50, 90, 99, 99.9, 100]) expect(merged.getValueAtPercentile(q)).toBe(whole.getValueAtPercentile(q));
  });

  it('counters sum, the scenario merges its own data, lateness keeps the worst lag and health the busiest worker', () => {
    const merged = mergeLoadResults(echo, [workerResult(a, 5000), workerResult(b, 3000)]) as LoadResult<EchoData>;
    expect(merged.delivery).toEqual({ sent: 8002, delivered: 8000, lost: 2, duplicated: 0, reordered: 4 });
    expect(merged.schedule).toEqual({ lagUs: 5000, lateSends: 6 });
    expect(decodeHistogram(merged.data.rtt).totalCount).toBe(8000);
    expect(merged.data.warmup).toEqual({ done: 20, asked: 40 });
    expect(merged.health.cpuUs).toBe(50_000);
    expect(merged.health.loopDelayMaxUs).toBe(10_000);
  });

  it('a scenario that moves no messages (micro) merges to no delivery, not to one of 0 of 0', () => {
    const none = (cpuUs: number): LoadResult => ({ data: { cases: [] }, health: { elapsedUs: 1e6, cpuUs, loopDelayP99Us: 1, loopDelayMaxUs: 1 } });
    expect(mergeLoadResults(micro, [none(1), none(2)]).delivery).toBeUndefined();
  });
});
