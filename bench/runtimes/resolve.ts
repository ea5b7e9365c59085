import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join, sep } from 'node:path';
import { usageError } from '../errors.ts';
import { ROOT } from '../processes/root.ts';
import { RUNTIME_NAMES, findRuntime, type RuntimeSpec } from './catalog.ts';
import { installPackage } from './install.ts';

/** A runtime ready to start: its binary, and the version that binary says it is. */
export interface Runtime extends Omit<RuntimeSpec, 'source'> {
  readonly binary: string;
  /** what `<binary> --version` printed, e.g. `v24.22.3` or `1.4.4` */
  readonly version: string;
}

/** How long a runtime may take to print its version before it counts as one that cannot start. */
const START_TIMEOUT_MS = 15_000;

const resolved = new Map<string, Runtime>();

function versionOf(binary: string): string | undefined {
  const r = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: START_TIMEOUT_MS });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * The system's own Node: this process's binary when it is that line (`node bin/wirebench.js`), else
 * npm's (`npm run` puts node_modules/.bin, where the node24 dependency links its `node`, first on PATH),
 * else the first `node` on PATH outside a node_modules folder.
 */
function systemNode(major: number): { binary: string; version: string } | { problem: string } {
  const onPath = (process.env['PATH'] ?? '').split(delimiter).filter((dir) => dir && !dir.split(sep).includes('node_modules')).map((dir) => join(dir, 'node'));
  const candidates = [process.execPath, process.env['npm_node_execPath'], ...onPath].filter((p): p is string => !!p && existsSync(p));
  const seen: string[] = [];
  for (const binary of new Set(candidates)) {
    const version = versionOf(binary);
    if (version?.startsWith(`v${major}.`)) return { binary, version };
    if (version) seen.push(`${binary} is ${version}`);
  }
  return { problem: `no Node ${major} on this system (${seen.join(', ') || 'no node on PATH'}): install Node ${major} (Debian: apt-get install nodejs)` };
}

/** A registry runtime's binary: the project's dependency when it is that version (node24), else the cache, installed now if missing. */
function packageBinary(spec: RuntimeSpec & { source: { package: string; version: string; bin: string } }): string {
  const { package: name, version, bin } = spec.source;
  const dependency = join(ROOT, 'node_modules', name);
  try {
    const installed = JSON.parse(readFileSync(join(dependency, 'package.json'), 'utf8')) as { version?: string };
    if (installed.version === version && existsSync(join(dependency, bin))) return join(dependency, bin);
  } catch {
    // not a dependency of the project, or not installed: the cache has it
  }
  return join(installPackage(name, version), bin);
}

/**
 * The named runtime, installed if it must be and started once to read its version; cached for the
 * process. A name the suite does not know, a runtime that cannot be installed or does not start, is a
 * one-line usage error naming it and what to install (exit 2, before anything is measured).
 */
export function resolveRuntime(name: string): Runtime {
  const known = resolved.get(name);
  if (known) return known;
  const spec = findRuntime(name);
  if (!spec) throw usageError(`unknown runtime '${name}'; choose from: ${RUNTIME_NAMES.join(', ')}`);
  const { source, ...facts } = spec;
  let binary: string;
  let version: string | undefined;
  if ('system' in source) {
    const found = systemNode(spec.major);
    if ('problem' in found) throw usageError(`runtime '${name}' cannot start: ${found.problem}`);
    ({ binary, version } = found);
  } else {
    const what = `${source.package}@${source.version}`;
    try {
      binary = packageBinary({ ...spec, source });
    } catch (error) {
      throw usageError(`runtime '${name}' cannot be installed from the npm registry (${what}): ${(error as Error).message}`);
    }
    version = versionOf(binary);
    if (!version) throw usageError(`runtime '${name}' does not start (${binary} --version failed): reinstall it from ${what}, or remove ${binary} to fetch it again`);
  }
  const runtime: Runtime = { ...facts, binary, version };
  resolved.set(name, runtime);
  return runtime;
}

/**
 * The runtime's command-line flags for what the suite asks of a Node child: Bun runs TypeScript by
 * itself (no tsx loader) and has no --expose-gc (its gc is Bun.gc, which the server calls instead).
 */
export function runtimeArgs(runtime: Pick<Runtime, 'kind'>, nodeArgs: readonly string[], tsLoader: boolean): string[] {
  if (runtime.kind === 'bun') return nodeArgs.filter((a) => a !== '--expose-gc');
  return [...(tsLoader ? ['--import', 'tsx'] : []), ...nodeArgs];
}
