import { access, constants, mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { usageError } from '../errors.ts';

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? 'error';

/**
 * Makes the output folder (and the folders above it that are missing) and checks it can be written,
 * or says in one line why not. Each missing level is made on its own rather than with mkdir's
 * `recursive`: Node's recursive mkdir retries forever where a parent refuses new entries with ENOENT
 * (under /proc it spins a core and never returns), and a plain mkdir fails at once.
 */
export async function ensureOutputFolder(dir: string): Promise<void> {
  const refuse = (why: string) => usageError(`cannot write to output folder '${dir}': ${why}`);
  const missing: string[] = [];
  for (let at = resolve(dir); ; ) {
    const found = await stat(at).catch((error: unknown) => {
      if (codeOf(error) !== 'ENOENT') throw refuse(codeOf(error));
      return undefined;
    });
    if (found) {
      if (!found.isDirectory()) throw refuse(`${at} is not a folder`);
      break;
    }
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) throw refuse('no such root');
    at = parent;
  }
  for (const level of missing) {
    await mkdir(level).catch((error: unknown) => {
      if (codeOf(error) !== 'EEXIST') throw refuse(codeOf(error));
    });
  }
  await access(dir, constants.W_OK).catch((error: unknown) => {
    throw refuse(codeOf(error));
  });
}
