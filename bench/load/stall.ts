/**
 * A machine stall, told apart from a transport's limit. On this shared 2-core machine other work can
 * take the cores for tens of milliseconds at a time: the load process is then runnable but not
 * running, and the echoes in flight miss a 10 ms bound whatever the transport (seen here with the load
 * average at 6: ws failed 31 msg/s on one connection, its load process's event loop 14 ms late at 3% of
 * a core). Linux counts that time exactly, per thread (protocol/run-queue.ts): a step that failed while
 * the load process or the server waited for a core this long measured the machine, not the transport.
 */

/** The load process waited on the run queue for at least this share of the step's wall time. */
export const STALL_WAIT_SHARE = 0.02;
/** A stalled step is run again up to this many times before the search gives up on the machine. */
export const STALL_RETRIES = 3;

/**
 * Whether the load process, or a server process, was kept from a core for long enough to fail the step
 * by itself; an unknown wait counts as none. Either side's stall delays the echoes alike.
 */
export function machineStalled(cost: { runQueueWaitUs?: number; serverRunQueueWaitUs?: number; wallUs: number }, share = STALL_WAIT_SHARE): boolean {
  if (share >= 1 || cost.wallUs <= 0) return false;
  const waited = Math.max(cost.runQueueWaitUs ?? 0, cost.serverRunQueueWaitUs ?? 0);
  return waited / cost.wallUs >= share;
}
