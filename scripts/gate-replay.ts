/**
 * Replays a stored gate run round by round: the gate's own comparison after rounds 8, 9, … of
 * `bench:compare --out DIR`, with the verdict on one transport's p50 ÷ yardstick and the unknowns that
 * would earn another round under the current rule. Says whether a run measured under an older rule for
 * extra rounds would have stopped where it did (then its outcome under the current rule is known).
 *
 *   npx tsx scripts/gate-replay.ts DIR... [--transport ws] [--from 8]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compareSides } from '../bench/compare/compare-runs.ts';
import { mergeRuns, type RoundRun } from '../bench/compare/merge-runs.ts';
import { parseSummaryCsv } from '../bench/compare/read-figures.ts';
import type { RunRecord } from '../bench/run-record.ts';

function load(runsDir: string, name: string): RoundRun {
  const csvPath = join(runsDir, name, 'summary.csv');
  const run = JSON.parse(readFileSync(join(runsDir, name, 'run.json'), 'utf8')) as RunRecord;
  return { run, rows: parseSummaryCsv(readFileSync(csvPath, 'utf8'), csvPath) };
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { transport: { type: 'string', default: 'ws' }, from: { type: 'string', default: '8' } },
});
const from = Number(values.from);
if (positionals.length === 0 || !Number.isInteger(from) || from < 1) {
  console.error('usage: npx tsx scripts/gate-replay.ts DIR... [--transport ws] [--from 8]');
  process.exit(2);
}
const fixed = (n: number | undefined, digits: number) => (n === undefined ? '-' : n.toFixed(digits));
for (const dir of positionals) {
  const runsDir = join(dir, 'runs');
  const rounds = readdirSync(runsDir).filter((d) => d.startsWith('head-')).length;
  for (let k = from; k <= rounds; k++) {
    const pick = (side: string) => Array.from({ length: k }, (_, i) => load(runsDir, `${side}-${i + 1}`));
    const c = compareSides(mergeRuns('base', pick('base')).side, mergeRuns('head', pick('head')).side);
    const p50 = c.rows.find((r) => r.point.transport === values.transport && r.metric === 'rtt_p50_vs_yardstick');
    const named = (r: (typeof c.rows)[number]) => `${r.point.transport}:${r.metric}`;
    const regressions = c.rows.filter((r) => r.verdict === 'regression').map(named);
    const suspects = c.rows.filter((r) => r.verdict === 'unknown' && r.suspect).map((r) => `${named(r)} (p ${fixed(r.p, 3)})`);
    process.stdout.write(
      `${dir} after ${k}: ${values.transport} p50 ÷ yardstick ${p50?.verdict ?? 'absent'} ×${fixed(p50?.ratio, 3)} ` +
        `p ${fixed(p50?.p, 4)} Holm ${fixed(p50?.pAdjusted, 3)} | regressions: ${regressions.join(', ') || 'none'} | ` +
        `another round for: ${suspects.join(', ') || 'nothing (stops here)'}\n`,
    );
  }
}
