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

/**
 * CPU time every CPU of the machine spent in processes (user, nice and system of the `cpu` line of
 * /proc/stat), µs. Interrupt and softirq time are left out: here that is mostly the loopback traffic of
 * the load and its server, which the kernel counts apart from any process.
 */
export function machineProcessCpuUs(stat?: string): number | undefined {
  try {
    const line = (stat ?? readFileSync('/proc/stat', 'utf8')).split('\n', 1)[0] ?? '';
    const [, user, nice, system] = line.trim().split(/\s+/).map(Number);
    const sum = (user ?? NaN) + (nice ?? NaN) + (system ?? NaN);
    return line.startsWith('cpu ') && Number.isFinite(sum) ? sum * TICK_US : undefined;
  } catch {
    return undefined;
  }
}

/** A process's CPU time, all its threads, user and system (fields 14 and 15 of /proc/<pid>/stat), µs. */
export function processCpuUs(pid?: number): number | undefined {
  try {
    const text = readFileSync(`/proc/${pid ?? 'self'}/stat`, 'utf8');
    // the name (field 2) is in parentheses and may hold spaces: count the fields after its closing one
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const cpu = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(cpu) ? cpu * TICK_US : undefined;
  } catch {
    return undefined;
  }
}

/** The run-queue waits of this process and of the server processes (by pid), each CPU's steal, and the CPU time of the machine and of these processes, read together. */
export interface WaitReading {
  steal: number[] | undefined;
  load: number | undefined;
  /** each server process's wait, in the order of its pid; undefined when no server pid is known or one could not be read */
  server: number[] | undefined;
  /** the machine's process CPU time, and that of this process and the servers together; undefined where unknown */
  machineCpu: number | undefined;
  ownCpu: number | undefined;
}

/** `pointPids`: the point's other processes (load processes, the yardstick's server), this one among them or not. */
export function readWaits(serverPids: readonly number[] | undefined, pointPids: readonly number[] = []): WaitReading {
  const server = serverPids?.map((pid) => runQueueWaitUs(pid));
  const others = [...(serverPids ?? []), ...pointPids.filter((pid) => pid !== process.pid)];
  // a process of the point that has ended since used no more CPU: it counts as 0, not as unknown
  const own = [processCpuUs(), ...others.map((pid) => processCpuUs(pid) ?? 0)];
  return {
    steal: stealUs(),
    load: runQueueWaitUs(),
    server: server && server.every((w) => w !== undefined) ? (server as number[]) : undefined,
    machineCpu: machineProcessCpuUs(),
    ownCpu: own.every((c) => c !== undefined) ? own.reduce((a: number, c) => a + (c ?? 0), 0) : undefined,
  };
}

/**
 * What each side waited between two readings: the load process's, the server process that waited most,
 * the CPU most stolen from; and the CPU time the machine's other processes used meanwhile (never below 0:
 * the two counts are sampled apart, to a tick or so), the work that could have taken the cores.
 */
export function waitedBetween(a: WaitReading, b: WaitReading): { runQueueWaitUs?: number; serverRunQueueWaitUs?: number; stealUs?: number; foreignCpuUs?: number } {
  const steal = a.steal && b.steal && a.steal.length === b.steal.length ? Math.max(...b.steal.map((s, i) => s - (a.steal?.[i] ?? s))) : undefined;
  const load = a.load !== undefined && b.load !== undefined ? b.load - a.load : undefined;
  const server = a.server && b.server && a.server.length === b.server.length ? Math.max(...b.server.map((w, i) => w - (a.server?.[i] ?? w))) : undefined;
  const foreign =
    a.machineCpu !== undefined && b.machineCpu !== undefined && a.ownCpu !== undefined && b.ownCpu !== undefined ? b.machineCpu - a.machineCpu - (b.ownCpu - a.ownCpu) : undefined;
  return {
    ...(load !== undefined ? { runQueueWaitUs: load } : {}),
    ...(server !== undefined ? { serverRunQueueWaitUs: server } : {}),
    ...(steal !== undefined ? { stealUs: steal } : {}),
    ...(foreign !== undefined ? { foreignCpuUs: Math.max(0, foreign) } : {}),
  };
}
