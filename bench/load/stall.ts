/**
 * A machine stall, told apart from a transport's limit. On this shared 2-core machine other work can
 * take the cores for tens of milliseconds at a time: the load process is then runnable but not
 * running, and the echoes in flight miss a 10 ms bound whatever the transport (seen here with the load
 * average at 6: ws failed 31 msg/s on one connection, its load process's event loop 14 ms late at 3% of
 * a core). Linux counts that time exactly, per thread (protocol/run-queue.ts): a step that failed while
 * the load process waited for a core this long measured the machine, not the transport.
 */

/** The load process waited on the run queue for at least this share of the step's wall time. */
export const STALL_WAIT_SHARE = 0.02;
/** A stalled step is run again up to this many times before the search gives up on the machine. */
export const STALL_RETRIES = 3;

/** Whether the load process was kept from a core for long enough to fail the step by itself; unknown wait: no. */
export function machineStalled(cost: { runQueueWaitUs?: number; wallUs: number }, share = STALL_WAIT_SHARE): boolean {
  return share < 1 && cost.runQueueWaitUs !== undefined && cost.wallUs > 0 && cost.runQueueWaitUs / cost.wallUs >= share;
}
