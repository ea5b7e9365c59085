import { basename, join } from 'node:path';
import { Child } from '../../bench/processes/child-process.ts';
import type { Fork } from '../../bench/run/point-runner.ts';

const LOSSY_ENTRY = join(import.meta.dirname, 'lossy-server-process.ts');

/**
 * Forks as the orchestrator does (unpinned), but the server process is one whose hub drops the
 * `dropEvery`-th, 2×`dropEvery`-th, ... message it sends (lossy-server-process.ts); the load processes
 * and everything else are the suite's own.
 */
export function lossyFork(dropEvery: number): Fork {
  return (entry, _role, args, nodeArgs, env) => {
    const lossy = basename(entry) === 'server-process.ts';
    return new Child(lossy ? LOSSY_ENTRY : entry, {
      ...(args ? { args } : {}),
      ...(nodeArgs ? { nodeArgs } : {}),
      env: { ...env, ...(lossy ? { LOSSY_DROP_EVERY: String(dropEvery) } : {}) },
    });
  };
}
