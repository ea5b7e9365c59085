/**
 * A machine stall, told apart from a transport's limit. On this shared 2-core machine other work can
 * take the cores for tens of milliseconds at a time: the load process is then runnable but not
 * running, and the echoes in flight miss a 10 ms bound whatever the transport (seen here with the load
 * average at 6: ws failed 31 msg/s on one connection, its load process's event loop 14 ms late at 3% of
 * a core). Linux counts that time exactly, per thread (protocol/run-queue.ts): a step that failed while
 * the load process or the server waited for a core this long measured the machine, not the transport.
 * This machine is itself a virtual one: the host takes a CPU away now and then (steal, 1-2% of the time
 * here), which no process of the guest waits for, so the CPUs' steal counts as such a wait too.
 */

/** The load process waited on the run queue for at least this share of the step's wall time. */
export const STALL_WAIT_SHARE = 0.02;
/**
 * Steal counts only from two ticks (20 ms) up: /proc/stat gives it in whole 10 ms ticks, and a thin,
 * even steal of 1% ticks over once a second per CPU (sampled here: 0-9 ticks per 5 s over two CPUs),
 * which would flag a 0.4 s step that merely saw one tick go by.
 */
export const STEAL_MIN_US = 20_000;
/**
 * A wait counts only while other processes of the machine used at least this share of one core over the
 * step (protocol/run-queue.ts, foreign CPU). On these 2 cores the load process and the server wait for
 * each other too: at a transport's limit they both want a whole core, and their waits reach 2-8% of a
 * step on a quiet machine (measured here: every failure of ws, websocket, sse and longpoll in a default
 * run read as the machine's, with other processes using 0 ms of CPU). That is the transport's limit on
 * this box, with its load beside it, not a stall.
 */
export const FOREIGN_MIN_SHARE = 0.1;
/** A stalled step is run again up to this many times before the search gives up on the machine. */
export const STALL_RETRIES = 3;

/**
 * Whether the load process, or a server process, was kept from a core by other work for long enough to
 * fail the step by itself; an unknown wait counts as none. Either side's stall delays the echoes alike.
 * A wait counts while other processes used the cores meanwhile (or where their use is unknown); the
 * hypervisor's steal counts always.
 */
export function machineStalled(
  cost: { runQueueWaitUs?: number; serverRunQueueWaitUs?: number; stealUs?: number; foreignCpuUs?: number; wallUs: number },
  share = STALL_WAIT_SHARE,
): boolean {
  if (share >= 1 || cost.wallUs <= 0) return false;
  // the hypervisor's steal stops a CPU whole, whichever of the two processes is on it
  const steal = (cost.stealUs ?? 0) >= STEAL_MIN_US ? (cost.stealUs ?? 0) : 0;
  const othersRan = cost.foreignCpuUs === undefined || cost.foreignCpuUs / cost.wallUs >= FOREIGN_MIN_SHARE;
  const waited = Math.max(othersRan ? Math.max(cost.runQueueWaitUs ?? 0, cost.serverRunQueueWaitUs ?? 0) : 0, steal);
  return waited / cost.wallUs >= share;
}
