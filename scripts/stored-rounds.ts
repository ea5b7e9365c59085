/** The rounds of a stored `bench:compare --out DIR`, as the gate reads them: for the scripts that re-judge one. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RoundRun } from '../bench/compare/pool-rounds.ts';
import { parseSummaryCsv } from '../bench/compare/read-figures.ts';
import type { RunRecord } from '../bench/results/run-record.ts';

function load(runsDir: string, name: string): RoundRun {
  const csvPath = join(runsDir, name, 'summary.csv');
  const run = JSON.parse(readFileSync(join(runsDir, name, 'run.json'), 'utf8')) as RunRecord;
  return { run, rows: parseSummaryCsv(readFileSync(csvPath, 'utf8'), csvPath) };
}

/** base and head runs, round 1 first */
export function storedRounds(dir: string): { base: RoundRun[]; head: RoundRun[] } {
  const runsDir = join(dir, 'runs');
  const rounds = readdirSync(runsDir).filter((d) => d.startsWith('head-')).length;
  const side = (name: string) => Array.from({ length: rounds }, (_, i) => load(runsDir, `${name}-${i + 1}`));
  return { base: side('base'), head: side('head') };
}
