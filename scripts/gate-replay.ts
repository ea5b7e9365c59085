/**
 * Replays a stored gate run round by round: the gate's own comparison after rounds 8, 9, … of
 * `bench:compare --out DIR`, with the verdict on one transport's p50 ÷ yardstick and the unknowns that
 * would earn another round under the current rule. Says whether a run measured under an older rule for
 * extra rounds would have stopped where it did (then its outcome under the current rule is known).
 *
 *   npx tsx scripts/gate-replay.ts DIR... [--transport ws] [--from 8]
 */
import { parseArgs } from 'node:util';
import { compareSides } from '../bench/compare/compare-runs.ts';
import { mergeRuns } from '../bench/compare/pool-rounds.ts';
import { storedRounds } from './stored-rounds.ts';

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
  const { base, head } = storedRounds(dir);
  for (let k = from; k <= head.length; k++) {
    const c = compareSides(mergeRuns('base', base.slice(0, k)).side, mergeRuns('head', head.slice(0, k)).side);
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
