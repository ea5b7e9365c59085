import { basename, join } from 'node:path';
import { Child } from '../../bench/processes/child-process.ts';
import type { Fork } from '../../bench/run/point-runner.ts';

const FAULTY_ENTRY = join(import.meta.dirname, 'faulty-server-process.ts');

/** Which of the messages a faulty server hands its peers go wrong (see faulty-server-process.ts). */
export interface Faults {
  dropEvery?: number;
  duplicateEvery?: number;
  swapEvery?: number;
}

/**
 * Forks as the orchestrator does (unpinned), but the server process is one whose hub mishandles every
 * Nth message as `faults` say; the load processes and everything else are the suite's own.
 */
export function faultyFork(faults: Faults): Fork {
  const env: Record<string, string> = {};
  if (faults.dropEvery !== undefined) env['FAULT_DROP_EVERY'] = String(faults.dropEvery);
  if (faults.duplicateEvery !== undefined) env['FAULT_DUPLICATE_EVERY'] = String(faults.duplicateEvery);
  if (faults.swapEvery !== undefined) env['FAULT_SWAP_EVERY'] = String(faults.swapEvery);
  return (entry, _role, args, nodeArgs, extra) => {
    const faulty = basename(entry) === 'server-process.ts';
    return new Child(faulty ? FAULTY_ENTRY : entry, {
      ...(args ? { args } : {}),
      ...(nodeArgs ? { nodeArgs } : {}),
      env: { ...extra, ...(faulty ? env : {}) },
    });
  };
}
