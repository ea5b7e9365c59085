import { readFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

/** Package name -> every version of it this process loaded (a library may bring its own copy of another). */
export type LoadedPackages = Record<string, string[]>;

const esmUrls = new Set<string>();

/**
 * Starts recording the ES modules this process imports from node_modules (resolve-hook.mjs, on Node's
 * loader thread). Called first thing in a measured process, before its transport is loaded; CommonJS
 * modules need nothing, require keeps its own cache.
 */
export function recordImports(root: string): void {
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (url: string) => esmUrls.add(url));
  port1.unref();
  register(pathToFileURL(join(root, 'bench', 'processes', 'resolve-hook.mjs')), { data: { port: port2 }, transferList: [port2] });
}

/** The package a file of node_modules belongs to: its folder, and its name (scoped names included). */
function packageOf(file: string): { dir: string; name: string } | undefined {
  const at = file.lastIndexOf('/node_modules/');
  if (at < 0) return undefined;
  const rest = file.slice(at + '/node_modules/'.length).split('/');
  const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? '');
  return { dir: file.slice(0, at + '/node_modules/'.length) + name, name };
}

/**
 * Every package this process has loaded so far, with the version its own package.json states: CommonJS
 * modules from require's cache, ES modules from what the resolve hook saw. Read once, at the end of a
 * point, never while measuring.
 */
export function loadedPackages(): LoadedPackages {
  const cache = createRequire(import.meta.url).cache;
  const files = [...Object.keys(cache), ...[...esmUrls].map((url) => fileURLToPath(url))];
  const versions = new Map<string, Set<string>>();
  const dirs = new Set<string>();
  for (const file of files) {
    const pkg = packageOf(file);
    if (!pkg || pkg.name === '.cache' || dirs.has(pkg.dir)) continue;
    dirs.add(pkg.dir);
    let version = 'unknown';
    try {
      version = (JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
    } catch {
      // a package folder without a package.json of its own (a nested build folder): its version is unknown
    }
    const set = versions.get(pkg.name) ?? new Set<string>();
    set.add(version);
    versions.set(pkg.name, set);
  }
  return Object.fromEntries([...versions].sort(([a], [b]) => a.localeCompare(b)).map(([name, set]) => [name, [...set].sort()]));
}

/** Several processes' packages as one: every version any of them loaded. */
export function unionPackages(all: readonly LoadedPackages[]): LoadedPackages {
  const out = new Map<string, Set<string>>();
  for (const p of all) for (const [name, versions] of Object.entries(p)) for (const v of versions) out.set(name, (out.get(name) ?? new Set()).add(v));
  return Object.fromEntries([...out].sort(([a], [b]) => a.localeCompare(b)).map(([name, set]) => [name, [...set].sort()]));
}
