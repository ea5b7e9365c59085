import { spawn, spawnSync } from 'node:child_process';
import { interrupted, usageError } from '../errors.ts';

/**
 * Runs one command to its end with its output on our stderr: stdout is kept for the comparison, so
 * `bench:compare > comment.md` holds the table and nothing else. Resolves with the exit code.
 *
 * The command gets a process group of its own, and when `stop` aborts the whole group gets SIGINT, as
 * from Ctrl-C in a terminal: a bench run then writes what it measured and exits 130. Signalling npm
 * alone is not enough: it passes the signal to the `sh -c` of its script, which dies of it and leaves
 * the bench running on, orphaned (seen here with SIGTERM: the bench went on measuring, its run.json
 * still "running").
 */
export function runStep(command: string, args: readonly string[], cwd: string, stop?: AbortSignal): Promise<number> {
  if (stop?.aborted) return Promise.resolve(130);
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd, stdio: ['ignore', 2, 2], detached: true });
    const end = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGINT');
      } catch {
        // the group has already gone
      }
    };
    stop?.addEventListener('abort', end, { once: true });
    child.once('error', (error) => {
      stop?.removeEventListener('abort', end);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      stop?.removeEventListener('abort', end);
      const result = code ?? (signal ? 128 : 1);
      // stopped: the group's first process may end before the bench in it has written what it measured
      // (npm exits at once on SIGINT); wait until the whole group is gone, so nothing is removed under it
      if (stop?.aborted && child.pid !== undefined) void groupGone(child.pid).then(() => resolve(result));
      else resolve(result);
    });
  });
}

/** Runs a step that must succeed; a failure says which step, in one line. */
export async function mustRun(what: string, command: string, args: readonly string[], cwd: string, stop?: AbortSignal): Promise<void> {
  const code = await runStep(command, args, cwd, stop);
  if (stop?.aborted) throw interrupted(`interrupted during ${what}`);
  if (code !== 0) throw new Error(`${what} failed (exit ${code}): ${command} ${args.join(' ')}`);
}

/** The full commit a ref names; a ref that names none is the user's mistake (exit 2). */
export function resolveCommit(ref: string, cwd: string): string {
  const r = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd, encoding: 'utf8' });
  const sha = r.stdout?.trim();
  if (r.status !== 0 || !sha) throw usageError(`--base '${ref}' is not a commit in this repository`);
  return sha;
}

/** How long a stopped group may take to write what it measured and end. */
const GROUP_GRACE_MS = 30_000;

/** Resolves once no process of the group is left (signal 0 finds none), or after GROUP_GRACE_MS. */
async function groupGone(pgid: number): Promise<void> {
  const until = Date.now() + GROUP_GRACE_MS;
  while (Date.now() < until) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return; // ESRCH: the group has ended
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
