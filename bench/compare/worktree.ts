import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mustRun, runStep } from './steps.ts';

/** A checkout of the base commit beside the working tree, with its own node_modules. */
export interface BaseCheckout {
  dir: string;
  remove(): Promise<void>;
}

/**
 * Checks `commit` out into a git worktree under a fresh temporary folder and installs it with `npm ci`,
 * so the base runs with exactly the dependencies its lockfile names, not the head's.
 */
export async function checkoutBase(
  repo: string,
  commit: string,
  log: (line: string) => void,
  stop?: AbortSignal,
): Promise<BaseCheckout> {
  const parent = await mkdtemp(join(tmpdir(), 'wirebench-base-'));
  const dir = join(parent, 'base');
  const remove = async () => {
    await runStep('git', ['worktree', 'remove', '--force', dir], repo);
    await rm(parent, { recursive: true, force: true });
    await runStep('git', ['worktree', 'prune'], repo);
  };
  try {
    log(`checking out base ${commit.slice(0, 10)} into ${dir}`);
    await mustRun('git worktree add', 'git', ['worktree', 'add', '--detach', dir, commit], repo, stop);
    log('installing the base with npm ci');
    await mustRun('npm ci in the base checkout', 'npm', ['ci', '--no-audit', '--no-fund'], dir, stop);
  } catch (error) {
    await remove();
    throw error;
  }
  return { dir, remove };
}
