import { spawn, spawnSync } from 'node:child_process';
import { CliError } from '../errors.ts';

/**
 * Runs one command to its end with its output on our stderr: stdout is kept for the comparison, so
 * `bench:compare > comment.md` holds the table and nothing else. Resolves with the exit code.
 */
export function runStep(command: string, args: readonly string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd, stdio: ['ignore', 2, 2] });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Runs a step that must succeed; a failure says which step, in one line. */
export async function mustRun(what: string, command: string, args: readonly string[], cwd: string): Promise<void> {
  const code = await runStep(command, args, cwd);
  if (code !== 0) throw new Error(`${what} failed (exit ${code}): ${command} ${args.join(' ')}`);
}

/** The full commit a ref names; a ref that names none is the user's mistake (exit 2). */
export function resolveCommit(ref: string, cwd: string): string {
  const r = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd, encoding: 'utf8' });
  const sha = r.stdout?.trim();
  if (r.status !== 0 || !sha) throw new CliError(`--base '${ref}' is not a commit in this repository`);
  return sha;
}
