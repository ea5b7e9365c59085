import type { LoadHealth, ServerStats } from '../../protocol/control.ts';
import { FOREIGN_MIN_SHARE } from './stall.ts';

/**
 * Over this share of a point's window spent waiting for a core (runnable, not running: other work had
 * it), by the load process or the server, its timings are the machine's as much as the transport's.
 * With the load average at 5 the load process waited 10-40%; in a quiet default run the point's own
 * processes waited 1-7% of their windows for each other, which alone is no busy machine (waitShares).
 */
export const BUSY_WAIT_SHARE = 0.05;

/**
 * The load process's and the server's waits for a core as shares of the window, where the kernel counts
 * them, and whether other processes than the point's ran meanwhile (load/stall.ts): a wait without them
 * is the point's processes waiting for each other on these 2 cores, not a busy machine.
 */
export function waitShares(health: LoadHealth, marks: Record<string, ServerStats>): { load?: number; server?: number; othersRan: boolean } {
  const othersRan = health.foreignCpuUs === undefined || (health.elapsedUs > 0 && health.foreignCpuUs / health.elapsedUs >= FOREIGN_MIN_SHARE);
  const out: { load?: number; server?: number; othersRan: boolean } = { othersRan };
  if (health.runQueueWaitUs !== undefined && health.elapsedUs > 0) out.load = health.runQueueWaitUs / health.elapsedUs;
  const a = marks['start'];
  const b = marks['end'];
  if (a?.runQueueWaitUs !== undefined && b?.runQueueWaitUs !== undefined && b.atUs > a.atUs) out.server = (b.runQueueWaitUs - a.runQueueWaitUs) / (b.atUs - a.atUs);
  return out;
}
