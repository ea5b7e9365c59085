/**
 * How often the gate would call a regression, judged on every way of choosing K rounds out of one long
 * A/B collection (`npm run bench:compare -- --base REF --rounds 8 --max-rounds 8 --out DIR`): a cheap
 * estimate of its false alarms (on an A/A collection) and of how often it catches a slowdown (on an
 * A/B one), through the gate's own code. The subsamples share rounds, so they are not independent
 * comparisons: the figure says how the verdict depends on which rounds were drawn, not a rate to quote
 * alone. The README says which of its figures come from here and which from whole runs.
 *
 *   npx tsx scripts/gate-subsamples.ts DIR [K=4]
 */
import { compareSides } from '../bench/compare/compare-runs.ts';
import { mergeRuns } from '../bench/compare/pool-rounds.ts';
import { pointLabel } from '../bench/compare/samples.ts';
import { storedRounds } from './stored-rounds.ts';

function* choose(n: number, k: number, from = 0, picked: number[] = []): Generator<number[]> {
  if (picked.length === k) {
    yield [...picked];
    return;
  }
  for (let i = from; i < n; i++) yield* choose(n, k, i + 1, [...picked, i]);
}

const [dir, kText = '4'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: npx tsx scripts/gate-subsamples.ts DIR [K]');
  process.exit(2);
}
const { base, head } = storedRounds(dir);
const rounds = head.length;
const k = Number(kText);
if (!Number.isInteger(k) || k < 1 || k > rounds) {
  console.error(`K must be a whole number from 1 to ${rounds}, the rounds in ${dir}`);
  process.exit(2);
}
let subsamples = 0;
let regressed = 0;
const byMetric = new Map<string, number>();
for (const picked of choose(rounds, k)) {
  subsamples++;
  const comparison = compareSides(mergeRuns('base', picked.map((i) => base[i]!)).side, mergeRuns('head', picked.map((i) => head[i]!)).side);
  if (comparison.regressed) regressed++;
  for (const row of comparison.rows.filter((r) => r.verdict === 'regression')) {
    const key = `${pointLabel(row.point)} ${row.metric}`;
    byMetric.set(key, (byMetric.get(key) ?? 0) + 1);
  }
}
process.stdout.write(`${subsamples} subsamples of ${k} rounds out of ${rounds}: ${regressed} with a regression\n`);
for (const [key, count] of [...byMetric].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${count}  ${key}\n`);
