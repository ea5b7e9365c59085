import { readFileSync } from 'node:fs';

/**
 * How long a process's main thread (the JS thread) has waited on a run queue, runnable but not
 * running, since it started: the second field of Linux's /proc/<pid>/schedstat, in nanoseconds, as µs.
 * This process's own by default; another process of this machine's by pid (the load process reads its
 * server's, to tell a stalled server from a slow one). On a shared machine this is the time other work
 * had the core; undefined where the kernel does not keep it (not Linux, schedstats off, the process
 * gone). Read at marks and steps, never per message.
 */
export function runQueueWaitUs(pid?: number): number | undefined {
  try {
    const wait = Number(readFileSync(`/proc/${pid ?? 'self'}/schedstat`, 'utf8').split(' ')[1]);
    return Number.isFinite(wait) ? wait / 1000 : undefined;
  } catch {
    return undefined; // no schedstat here: the wait is unknown, not 0
  }
}

/** /proc/stat counts in USER_HZ ticks, 100 a second on Linux (x86 and arm64 alike). */
const TICK_US = 10_000;

/**
 * Time the hypervisor took each CPU of this virtual machine away for other guests (the `steal` column of
 * each `cpuN` line of /proc/stat), µs: the guest sees it as nothing at all, no process waits on a run
 * queue for it, yet everything on that CPU stops. Whole ticks (10 ms) only; undefined off Linux.
 */
export function stealUs(stat?: string): number[] | undefined {
  try {
    const text = stat ?? readFileSync('/proc/stat', 'utf8');
    const cpus = text.split('\n').filter((line) => /^cpu\d+ /.test(line));
    const steal = cpus.map((line) => Number(line.trim().split(/\s+/)[8]) * TICK_US);
    return cpus.length > 0 && steal.every(Number.isFinite) ? steal : undefined;
  } catch {
    return undefined;
  }
}

/** The run-queue waits of this process and of the server processes (by pid), and each CPU's steal, read together. */
export interface WaitReading {
  steal: number[] | undefined;
  load: number | undefined;
  /** each server process's wait, in the order of its pid; undefined when no server pid is known or one could not be read */
  server: number[] | undefined;
}

export function readWaits(serverPids: readonly number[] | undefined): WaitReading {
  const server = serverPids?.map((pid) => runQueueWaitUs(pid));
  return { steal: stealUs(), load: runQueueWaitUs(), server: server && server.every((w) => w !== undefined) ? (server as number[]) : undefined };
}

/** What each side waited between two readings: the load process's, the server process that waited most, the CPU most stolen from. */
export function waitedBetween(a: WaitReading, b: WaitReading): { runQueueWaitUs?: number; serverRunQueueWaitUs?: number; stealUs?: number } {
  const steal = a.steal && b.steal && a.steal.length === b.steal.length ? Math.max(...b.steal.map((s, i) => s - (a.steal?.[i] ?? s))) : undefined;
  const load = a.load !== undefined && b.load !== undefined ? b.load - a.load : undefined;
  const server = a.server && b.server && a.server.length === b.server.length ? Math.max(...b.server.map((w, i) => w - (a.server?.[i] ?? w))) : undefined;
  return {
    ...(load !== undefined ? { runQueueWaitUs: load } : {}),
    ...(server !== undefined ? { serverRunQueueWaitUs: server } : {}),
    ...(steal !== undefined ? { stealUs: steal } : {}),
  };
}
