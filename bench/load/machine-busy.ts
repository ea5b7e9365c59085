import type { LoadHealth, ServerStats } from '../../protocol/control.ts';

/**
 * Over this share of a point's window spent waiting for a core (runnable, not running: other work had
 * it), by the load process or the server, its timings are the machine's as much as the transport's.
 * A quiet run here waits well under 1%; with the load average at 5 the load process waited 10-40%.
 */
export const BUSY_WAIT_SHARE = 0.05;

/** The load process's and the server's waits for a core as shares of the window, where the kernel counts them. */
export function waitShares(health: LoadHealth, marks: Record<string, ServerStats>): { load?: number; server?: number } {
  const out: { load?: number; server?: number } = {};
  if (health.runQueueWaitUs !== undefined && health.elapsedUs > 0) out.load = health.runQueueWaitUs / health.elapsedUs;
  const a = marks['start'];
  const b = marks['end'];
  if (a?.runQueueWaitUs !== undefined && b?.runQueueWaitUs !== undefined && b.atUs > a.atUs) out.server = (b.runQueueWaitUs - a.runQueueWaitUs) / (b.atUs - a.atUs);
  return out;
}
