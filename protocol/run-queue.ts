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

/** The run-queue waits of this process and of the server processes (by pid), read together. */
export interface WaitReading {
  load: number | undefined;
  /** each server process's wait, in the order of its pid; undefined when no server pid is known or one could not be read */
  server: number[] | undefined;
}

export function readWaits(serverPids: readonly number[] | undefined): WaitReading {
  const server = serverPids?.map((pid) => runQueueWaitUs(pid));
  return { load: runQueueWaitUs(), server: server && server.every((w) => w !== undefined) ? (server as number[]) : undefined };
}

/** What each side waited between two readings: the load process's, and the server process that waited most. */
export function waitedBetween(a: WaitReading, b: WaitReading): { runQueueWaitUs?: number; serverRunQueueWaitUs?: number } {
  const load = a.load !== undefined && b.load !== undefined ? b.load - a.load : undefined;
  const server = a.server && b.server && a.server.length === b.server.length ? Math.max(...b.server.map((w, i) => w - (a.server?.[i] ?? w))) : undefined;
  return { ...(load !== undefined ? { runQueueWaitUs: load } : {}), ...(server !== undefined ? { serverRunQueueWaitUs: server } : {}) };
}
