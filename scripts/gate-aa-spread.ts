/**
 * How far apart two sides of the same code land, metric by metric, in stored A/A comparisons
 * (`bench:compare --out DIR` of HEAD against HEAD): each gated timing's spread over the trials of each
 * side, the ratio of medians the gate saw, and, over random 8/8 splits of all the trials of both sides
 * (the same code, so every split is an A/A), how often the ratio goes beyond a minimum effect and how
 * often the split would be called (rank test under Holm's threshold for the comparison's test count, ratio
 * beyond the minimum effect; the bootstrap interval is left out, so this errs towards calling). The 99th
 * percentile of |ratio - 1| over the splits is the smallest minimum effect that would have kept 99% of
 * them quiet. Splits pool trials measured minutes apart, so they see the machine's drift as a real
 * comparison's sides do only when the order of the rounds puts it on one side.
 *
 *   npx tsx scripts/gate-aa-spread.ts DIR... [--splits 2000] [--metric p99]
 */
import { parseArgs } from 'node:util';
import { compareSides } from '../bench/compare/compare-runs.ts';
import { mergeRuns } from '../bench/compare/pool-rounds.ts';
import { withRelativeFigures } from '../bench/compare/relative-figures.ts';
import { pairSamples, pointLabel } from '../bench/compare/samples.ts';
import { mannWhitney, median, seededRandom } from '../bench/stats/index.ts';
import { storedRounds } from './stored-rounds.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { splits: { type: 'string', default: '2000' }, metric: { type: 'string', default: '' } },
});
const splits = Number(values.splits);
if (positionals.length === 0 || !Number.isInteger(splits) || splits < 1) {
  console.error('usage: npx tsx scripts/gate-aa-spread.ts DIR... [--splits 2000] [--metric p99]');
  process.exit(2);
}

const logSd = (v: readonly number[]) => {
  const logs = v.filter((x) => x > 0).map(Math.log);
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  return Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, logs.length - 1));
};
const say = (line: string) => process.stdout.write(`${line}\n`);
const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

say('| comparison | point | metric | log SD base / head | ratio seen | verdict seen | splits beyond min effect | splits called | 99th pct of abs(ratio−1) |');
say('|---|---|---|--:|--:|---|--:|--:|--:|');
for (const dir of positionals) {
  const { base, head } = storedRounds(dir);
  const b = mergeRuns('base', base);
  const h = mergeRuns('head', head);
  const comparison = compareSides(b.side, h.side);
  const threshold = comparison.options.alpha / Math.max(1, comparison.tests);
  const random = seededRandom(1);
  for (const s of pairSamples(withRelativeFigures(b.side.rows), withRelativeFigures(h.side.rows))) {
    const row = comparison.rows.find((r) => r.metric === s.metric && pointLabel(r.point) === pointLabel(s.point));
    if (!row || row.kind !== 'noisy' || !s.metric.includes(values.metric)) continue;
    const minEffect = row.minEffect ?? comparison.options.minEffect;
    const all = [...s.base, ...s.head];
    const half = Math.min(s.base.length, s.head.length);
    let beyond = 0;
    let called = 0;
    const effects: number[] = [];
    for (let i = 0; i < splits; i++) {
      const shuffled = [...all];
      for (let j = shuffled.length - 1; j > 0; j--) {
        const k = Math.floor(random() * (j + 1));
        [shuffled[j], shuffled[k]] = [shuffled[k] as number, shuffled[j] as number];
      }
      const x = shuffled.slice(0, half);
      const y = shuffled.slice(half, 2 * half);
      const ratio = median(y) / median(x);
      effects.push(Math.abs(ratio - 1));
      const far = Math.abs(ratio - 1) > minEffect;
      if (far) beyond++;
      if (far && mannWhitney(y, x).p < threshold) called++;
    }
    effects.sort((p, q) => p - q);
    const pct = (n: number) => `${((100 * n) / splits).toFixed(1)}%`;
    say(
      `| ${dir.split('/').pop()} | ${pointLabel(s.point)} | ${s.metric} | ${logSd(s.base).toFixed(3)} / ${logSd(s.head).toFixed(3)} | ` +
        `${row.ratio.toFixed(3)} | ${row.verdict} | ${pct(beyond)} | ${pct(called)} | ${quantile(effects, 0.99).toFixed(3)} |`,
    );
  }
}
