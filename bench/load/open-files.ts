import { spawnSync } from 'node:child_process';

/**
 * Open files a process needs besides its sockets (modules, pipes, its listener): the spare every check
 * against the open-files limit leaves.
 */
export const FILES_SPARE = 200;

/**
 * `ulimit -n` of this process, which its children (servers and load processes, forked by the same
 * orchestrator) share; undefined when it cannot be read.
 */
export function openFilesLimit(): number | undefined {
  const n = Number(spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout?.trim());
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
