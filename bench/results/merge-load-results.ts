import type { LoadHealth, LoadResult, Schedule } from '../../protocol/control.ts';
import { addDelivery, NO_DELIVERY } from '../load/delivery-counter.ts';
import { unionPackages } from '../processes/loaded-packages.ts';
import type { Scenario } from '../scenarios/scenario.ts';

/**
 * Merges the results of a point's load processes (or of several load hosts) exactly: the scenario merges
 * its own data, delivery counts add, an open loop's lateness takes the worst lag and adds late sends.
 * Health keeps the busiest worker's figures: one saturated worker is enough to distort a point.
 */
export function mergeLoadResults(scenario: Scenario, results: readonly LoadResult[]): LoadResult {
  const [first] = results;
  if (!first) throw new Error('no load results to merge');
  if (results.length === 1) return first;
  const schedules = results.flatMap((r) => (r.schedule ? [r.schedule] : []));
  const counted = results.flatMap((r) => (r.delivery ? [r.delivery] : []));
  return {
    data: scenario.merge(results.map((r) => r.data)),
    ...(counted.length > 0 ? { delivery: counted.reduce(addDelivery, NO_DELIVERY) } : {}),
    ...(schedules.length > 0 ? { schedule: worstSchedule(schedules) } : {}),
    health: results.map((r) => r.health).reduce(worstHealth),
    // every worker timed the same machine at about the same moments: the first one's will do
    ...(first.yardstick ? { yardstick: first.yardstick } : {}),
    ...(results.some((r) => r.packages) ? { packages: unionPackages(results.flatMap((r) => (r.packages ? [r.packages] : []))) } : {}),
    ...(first.clientBytes ? { clientBytes: sumClientBytes(results) } : {}),
  };
}

/** Each load process counted its own sockets: together, every socket of the point. */
function sumClientBytes(results: readonly LoadResult[]): { up: number; down: number } {
  return results.reduce((sum, r) => ({ up: sum.up + (r.clientBytes?.up ?? 0), down: sum.down + (r.clientBytes?.down ?? 0) }), { up: 0, down: 0 });
}

function worstSchedule(all: readonly Schedule[]): Schedule {
  return { lagUs: Math.max(...all.map((s) => s.lagUs)), lateSends: all.reduce((n, s) => n + s.lateSends, 0) };
}

function worstHealth(a: LoadHealth, b: LoadHealth): LoadHealth {
  const share = (h: LoadHealth) => (h.elapsedUs > 0 ? h.cpuUs / h.elapsedUs : 0);
  const busiest = share(a) >= share(b) ? a : b;
  return {
    elapsedUs: Math.max(a.elapsedUs, b.elapsedUs),
    cpuUs: busiest.cpuUs * (Math.max(a.elapsedUs, b.elapsedUs) / (busiest.elapsedUs || 1)),
    loopDelayP99Us: Math.max(a.loopDelayP99Us, b.loopDelayP99Us),
    loopDelayMaxUs: Math.max(a.loopDelayMaxUs, b.loopDelayMaxUs),
    // the longest wait for a core of any load process; unknown in one, unknown for all
    ...(a.runQueueWaitUs !== undefined && b.runQueueWaitUs !== undefined ? { runQueueWaitUs: Math.max(a.runQueueWaitUs, b.runQueueWaitUs) } : {}),
    // each load process counted the same other work over about the same window: the most any saw
    ...(a.foreignCpuUs !== undefined && b.foreignCpuUs !== undefined ? { foreignCpuUs: Math.max(a.foreignCpuUs, b.foreignCpuUs) } : {}),
  };
}
