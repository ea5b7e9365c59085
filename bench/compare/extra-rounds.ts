import type { Comparison } from './compare-runs.ts';
import type { RoundRun } from './pool-rounds.ts';
import { roundOrder, type SideName } from './round-order.ts';

export interface RoundsPlan {
  /** rounds always run; each round is one base run and one head run, in the round's order */
  rounds: number;
  /** the cap for extra rounds earned by unknown verdicts that lean towards a regression */
  maxRounds: number;
  /** seeds the order of the sides in each pair of rounds (round-order.ts) */
  seed: number;
  log: (line: string) => void;
}

/** Leaning-bad unknowns: the only thing worth another round. */
export const suspects = (c: Comparison) => c.rows.filter((r) => r.verdict === 'unknown' && r.suspect).length;

/**
 * The gate's rounds: `rounds` of them, then one more at a time while the comparison of everything so
 * far has unknowns that lean towards a regression, up to maxRounds. It never runs more because
 * something regressed: a regression is a verdict, not a reason to look again.
 */
export async function runRounds<Judged extends { comparison: Comparison }>(
  plan: RoundsPlan,
  runSide: (side: SideName, round: number) => Promise<RoundRun>,
  judge: (base: readonly RoundRun[], head: readonly RoundRun[]) => Judged,
): Promise<Judged & { rounds: number }> {
  const runs: Record<SideName, RoundRun[]> = { base: [], head: [] };
  let judged: Judged | undefined;
  let round = 0;
  while (round < plan.maxRounds) {
    round++;
    for (const side of roundOrder(round, plan.seed)) {
      plan.log(`round ${round}: ${side}`);
      runs[side].push(await runSide(side, round));
    }
    if (round < plan.rounds) continue;
    judged = judge(runs.base, runs.head);
    const open = suspects(judged.comparison);
    if (open === 0) break;
    if (round < plan.maxRounds) plan.log(`${open} unknown verdict(s) lean towards a regression: one more round`);
  }
  if (!judged) throw new Error('no rounds were run');
  return { ...judged, rounds: round };
}
