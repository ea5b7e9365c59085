import { readFileSync } from 'node:fs';

/**
 * How long this process's main thread (the JS thread) has waited on a run queue, runnable but not
 * running, since it started: the second field of Linux's /proc/self/schedstat, in nanoseconds, as µs.
 * On a shared machine this is the time other work had the core; undefined where the kernel does not
 * keep it (not Linux, or schedstats off). Read at marks and steps, never per message.
 */
export function runQueueWaitUs(): number | undefined {
  try {
    const wait = Number(readFileSync('/proc/self/schedstat', 'utf8').split(' ')[1]);
    return Number.isFinite(wait) ? wait / 1000 : undefined;
  } catch {
    return undefined; // no schedstat here: the wait is unknown, not 0
  }
}
