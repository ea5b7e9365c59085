import { spawnSync } from 'node:child_process';

/**
 * Open files a process needs besides its sockets (modules, pipes, its listener, the IPC channel): the
 * baseline every check against the open-files limit leaves. A server or load process of the suite holds
 * about 30 at rest here (ls /proc/<pid>/fd); 200 leaves room for what a library opens on the way.
 */
export const FILES_SPARE = 200;
/**
 * The share of a process's spare open files a point plans to fill: node:cluster hands connections to
 * its workers in turn and load processes split theirs evenly, but a reconnect or a late close can put a
 * few more on one process than the plan says.
 */
export const FILES_FILL = 0.9;

/**
 * `ulimit -n` of this process, which its children (servers and load processes, forked by the same
 * orchestrator) share; undefined when it cannot be read.
 */
export function openFilesLimit(): number | undefined {
  const n = Number(spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout?.trim());
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The connections one process may hold under `limit` when each takes `socketsPerConnection` sockets. */
export function connectionsPerProcess(socketsPerConnection: number, limit: number | undefined): number {
  if (limit === undefined) return Infinity;
  return Math.max(0, Math.floor((limit - FILES_SPARE) / socketsPerConnection));
}
