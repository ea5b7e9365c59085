import type { RunRecord } from '../../results/run-record.ts';
import { loadedLibrariesSection } from './loaded-libraries.ts';

/** The environment, with the runtimes the measured processes ran on and the exact versions their binaries reported. */
export function environmentSection(run: RunRecord): string[] {
  const e = run.environment;
  const packages = Object.entries(e.packages)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  return [
    '## Environment',
    '',
    `| | |`,
    `|---|---|`,
    `| measured on | ${e.runtimes?.map((r) => `${r.name} ${r.version}`).join(', ') ?? `node ${e.node} (the orchestrator's own)`} |`,
    `| orchestrator | Node ${e.node} (V8 ${e.v8}) |`,
    `| OS | ${e.os} |`,
    `| CPU | ${e.cpuModel}, ${e.cpuCount} available |`,
    `| memory | ${(e.memoryBytes / 2 ** 30).toFixed(1)} GiB |`,
    `| packages | ${packages} |`,
    `| git | ${e.gitCommit}${e.gitDirty ? ' (working tree had uncommitted changes)' : ''} |`,
    `| open-files limit | ${e.ulimitOpenFiles} |`,
    `| pinning | ${e.pinning} |`,
    `| flags | \`${e.argv.join(' ') || '(defaults)'}\` |`,
    '',
    ...loadedLibrariesSection(run),
  ];
}
