import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import { findTransport } from '../../transports/registry.ts';
import { ROOT, canPin } from '../processes/child-process.ts';
import type { Runtime } from '../runtimes/resolve.ts';

/** The suite's own measuring libraries, whose versions shape its figures (overhead's autocannon, micro's tinybench). */
const SUITE_PACKAGES = ['hdr-histogram-js', 'autocannon', 'tinybench'] as const;

/** The libraries whose versions shape the numbers: those the run's transports' descriptors name, and the suite's. */
function measuredPackages(transports: readonly string[]): string[] {
  return [...new Set([...transports.flatMap((t) => findTransport(t)?.packages ?? []), ...SUITE_PACKAGES])];
}

/** A runtime the measured processes ran on, as its binary reported itself. */
export interface RuntimeRecord {
  name: string;
  /** what `<binary> --version` printed */
  version: string;
  binary: string;
}

export interface Environment {
  /** the orchestrator's own Node (the measured processes run on `runtimes`) */
  node: string;
  /** the runtimes the measured processes ran on, in the order named; absent in runs from before runtimes (then: node) */
  runtimes?: RuntimeRecord[];
  v8: string;
  os: string;
  cpuModel: string;
  cpuCount: number;
  memoryBytes: number;
  packages: Record<string, string>;
  gitCommit: string;
  gitDirty: boolean;
  ulimitOpenFiles: string;
  pinning: string;
  argv: string[];
}

function packageVersion(name: string): string {
  try {
    const json = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
    return json.version ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

function run(command: string, args: string[]): string | undefined {
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export function readEnvironment(pinned: boolean, transports: readonly string[], runtimes: readonly Runtime[] = []): Environment {
  const packages: Record<string, string> = {};
  for (const name of measuredPackages(transports)) packages[name] = packageVersion(name);
  const commit = run('git', ['rev-parse', 'HEAD']);
  const status = run('git', ['status', '--porcelain', '--untracked-files=no']);
  return {
    node: process.version,
    ...(runtimes.length ? { runtimes: runtimes.map(({ name, version, binary }) => ({ name, version, binary })) } : {}),
    v8: process.versions.v8,
    os: `${osType()} ${release()} ${process.arch}`,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cpuCount: availableParallelism(),
    memoryBytes: totalmem(),
    packages,
    gitCommit: commit ?? 'not a git checkout',
    gitDirty: status !== undefined && status.length > 0,
    ulimitOpenFiles: run('sh', ['-c', 'ulimit -n']) ?? 'unknown',
    pinning:
      pinned && canPin()
        ? 'server on CPU 0, load on CPU 1 (taskset)'
        : 'not pinned (fewer than 2 CPUs or no taskset)',
    argv: process.argv.slice(2),
  };
}
