import { measuredPoints, type RunRecord } from '../results/run-record.ts';

/** One library (or the runtime) whose version differs between the sides. */
export interface VersionChange {
  name: string;
  /** versions loaded by base's measured processes; empty: base did not load it */
  base: string[];
  /** versions loaded by head's; empty: head did not load it */
  head: string[];
}

/** What each side ran on, and what differs: the first thing to read when a dependency was bumped. */
export interface EnvironmentDiff {
  /** node, V8 and the libraries, where they differ */
  changed: VersionChange[];
  /** how many libraries each side's measured processes loaded */
  libraries: { base: number; head: number };
}

const addAll = (into: Map<string, Set<string>>, packages: Record<string, string[]> | undefined) => {
  for (const [name, versions] of Object.entries(packages ?? {})) {
    const seen = into.get(name) ?? new Set<string>();
    for (const v of versions) seen.add(v);
    into.set(name, seen);
  }
};

/**
 * Every library a run's measured processes had in memory (servers and load processes, every point: what
 * really ran, socket.io's own pinned ws included), with the versions the environment read from
 * package.json for those that no point reported (a run whose points all failed).
 */
export function loadedLibraries(run: RunRecord): Map<string, string[]> {
  const all = new Map<string, Set<string>>();
  for (const p of measuredPoints(run)) {
    addAll(all, p.serverPackages);
    addAll(all, p.result.packages);
  }
  for (const [name, version] of Object.entries(run.environment?.packages ?? {})) {
    if (!all.has(name) && version !== 'not installed') all.set(name, new Set([version]));
  }
  return new Map([...all].map(([name, versions]) => [name, [...versions].sort()]));
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** What differs between the environments base and head ran in: runtime first, then libraries by name. */
export function environmentDiff(base: RunRecord, head: RunRecord): EnvironmentDiff {
  const changed: VersionChange[] = [];
  // the runtimes the measured processes ran on (runs from before runtimes: the orchestrator's node)
  const runtimes = (run: RunRecord) => (run.environment?.runtimes ?? []).map((r) => `${r.name} ${r.version}`).join(', ') || undefined;
  for (const [name, b, h] of [
    ['node', base.environment?.node, head.environment?.node],
    ['v8', base.environment?.v8, head.environment?.v8],
    ['runtimes', runtimes(base), runtimes(head)],
  ] as const) {
    if (b !== h) changed.push({ name, base: b ? [b] : [], head: h ? [h] : [] });
  }
  const b = loadedLibraries(base);
  const h = loadedLibraries(head);
  for (const name of [...new Set([...b.keys(), ...h.keys()])].sort()) {
    const bv = b.get(name) ?? [];
    const hv = h.get(name) ?? [];
    if (!same(bv, hv)) changed.push({ name, base: bv, head: hv });
  }
  return { changed, libraries: { base: b.size, head: h.size } };
}

const versions = (v: readonly string[]) => (v.length === 0 ? 'not loaded' : v.join(' + '));

/** The comparison's environment section, in markdown. */
export function environmentMarkdown(d: EnvironmentDiff): string[] {
  const counts = `base loaded ${d.libraries.base} libraries, head ${d.libraries.head}`;
  if (d.changed.length === 0) return [`**Environment:** the same node and library versions on both sides (${counts}).`, ''];
  return [
    `**Environment changed** (${counts}; versions read from the modules the measured processes had in memory):`,
    '',
    '| | base | head |',
    '|---|---|---|',
    ...d.changed.map((c) => `| ${c.name} | ${versions(c.base)} | ${versions(c.head)} |`),
    '',
  ];
}
