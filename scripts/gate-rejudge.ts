/**
 * Re-judges stored gate runs (`bench:compare --out DIR`) under the current rules, over all the rounds
 * each one ran: what it would say today, and what fan-out's last member over the yardstick says. For a
 * change to the gate's rules, checked on comparisons already measured before any new one is run.
 *
 *   npx tsx scripts/gate-rejudge.ts DIR...
 */
import { compareSides, type MetricComparison } from '../bench/compare/compare-runs.ts';
import { mergeRuns } from '../bench/compare/pool-rounds.ts';
import { storedRounds } from './stored-rounds.ts';

if (process.argv.length < 3) {
  console.error('usage: npx tsx scripts/gate-rejudge.ts DIR...');
  process.exit(2);
}
const named = (r: MetricComparison) =>
  `${r.point.scenario} ${r.point.transport} ${r.metric} ${r.ratio.toFixed(2)} (${(r.ratioLow ?? 0).toFixed(2)}–${(r.ratioHigh ?? 0).toFixed(2)}, Holm ${r.pAdjusted?.toPrecision(2) ?? '–'})`;
for (const dir of process.argv.slice(2)) {
  const { base, head } = storedRounds(dir);
  const c = compareSides(mergeRuns('base', base).side, mergeRuns('head', head).side);
  const list = (verdict: string) => c.rows.filter((r) => r.verdict === verdict).map(named).join('; ') || '–';
  const fanout = c.rows.filter((r) => r.metric === 'fanout_last_p50_vs_yardstick').map(named).join('; ') || '–';
  process.stdout.write(`${dir.split('/').pop()}: ${head.length} rounds, ${c.tests} tests; regressions: ${list('regression')}; improvements: ${list('improvement')}; fan-out over the yardstick: ${fanout}\n`);
}
