import type { LoadHealth, LoadResult } from '../../protocol/control.ts';
import { addDelivery, NO_DELIVERY } from '../load/delivery-counter.ts';
import { encodeHistogram, mergeHistograms } from '../stats/histogram.ts';

/**
 * Merges the results of a point's load processes exactly: histograms add bucket by bucket, counters
 * sum. Health keeps the busiest worker's figures: one saturated worker is enough to distort a point.
 */
export function mergeLoadResults(results: readonly LoadResult[]): LoadResult {
  const names = [...new Set(results.flatMap((r) => Object.keys(r.histograms)))];
  const histograms: Record<string, string> = {};
  for (const name of names) {
    const parts = results.map((r) => r.histograms[name]).filter((h): h is string => h !== undefined);
    histograms[name] = encodeHistogram(mergeHistograms(parts));
  }
  const late = results.map((r) => r.lateSends).filter((n): n is number => n !== undefined);
  const health = results.map((r) => r.health).reduce(worstHealth);
  const values: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.values ?? {})) values[k] = (values[k] ?? 0) + v;
  return {
    histograms,
    delivery: results.map((r) => r.delivery).reduce(addDelivery, NO_DELIVERY),
    ...(late.length > 0 ? { lateSends: late.reduce((a, b) => a + b, 0) } : {}),
    ...(results.some((r) => r.scheduleLagUs !== undefined) ? { scheduleLagUs: Math.max(...results.map((r) => r.scheduleLagUs ?? 0)) } : {}),
    ...(Object.keys(values).length > 0 ? { values } : {}),
    health,
    // every worker timed the same machine at about the same moments: the first one's will do
    ...(results[0]?.yardstick ? { yardstick: results[0].yardstick } : {}),
  };
}

function worstHealth(a: LoadHealth, b: LoadHealth): LoadHealth {
  const share = (h: LoadHealth) => (h.elapsedUs > 0 ? h.cpuUs / h.elapsedUs : 0);
  const busiest = share(a) >= share(b) ? a : b;
  return {
    elapsedUs: Math.max(a.elapsedUs, b.elapsedUs),
    cpuUs: busiest.cpuUs * (Math.max(a.elapsedUs, b.elapsedUs) / (busiest.elapsedUs || 1)),
    loopDelayP99Us: Math.max(a.loopDelayP99Us, b.loopDelayP99Us),
    loopDelayMaxUs: Math.max(a.loopDelayMaxUs, b.loopDelayMaxUs),
  };
}
