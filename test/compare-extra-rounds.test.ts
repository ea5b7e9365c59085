import { describe, expect, it } from 'vitest';
import type { Comparison, MetricComparison } from '../bench/compare/compare-runs.ts';
import { runRounds } from '../bench/compare/extra-rounds.ts';
import type { RoundRun } from '../bench/compare/pool-rounds.ts';
import { roundOrder } from '../bench/compare/round-order.ts';
import type { Verdict } from '../bench/compare/verdict.ts';

/** A comparison with one row of the given verdict, leaning towards a regression or not. */
function comparisonOf(verdict: Verdict, suspect: boolean): Comparison {
  const row = { verdict, suspect } as MetricComparison;
  return { rows: [row] } as Comparison;
}

/**
 * The gate's rounds with stand-ins for the bench runs (each run is its side and round) and for the
 * comparison (scripted by how many rounds it has seen): what is run, in which order, and when it stops.
 */
async function rounds(judgeAfter: (rounds: number) => Comparison, plan = { rounds: 8, maxRounds: 12 }) {
  const ran: string[] = [];
  const seed = 12345;
  const result = await runRounds(
    { ...plan, seed, log: () => {} },
    async (side, round) => {
      ran.push(`${side}-${round}`);
      return { side, round } as unknown as RoundRun;
    },
    (base, head) => {
      expect(base).toHaveLength(head.length);
      return { comparison: judgeAfter(head.length) };
    },
  );
  return { ...result, ran, seed };
}

describe('the gate\'s extra rounds', () => {
  it('runs the rounds it must, each side once a round in the drawn order, and stops when nothing leans bad', async () => {
    const r = await rounds(() => comparisonOf('same', false));
    expect(r.rounds).toBe(8);
    expect(r.ran).toEqual(Array.from({ length: 8 }, (_, i) => roundOrder(i + 1, r.seed).map((side) => `${side}-${i + 1}`)).flat());
  });

  it('earns one more round at a time while an unknown leans towards a regression', async () => {
    // leaning bad after 8 and 9 rounds, settled after 10
    const r = await rounds((n) => comparisonOf('unknown', n < 10));
    expect(r.rounds).toBe(10);
    expect(r.ran).toHaveLength(20);
  });

  it('stops at the cap however much still leans', async () => {
    expect((await rounds(() => comparisonOf('unknown', true))).rounds).toBe(12);
  });

  it('never looks again because something regressed, nor for an unknown that does not lean', async () => {
    expect((await rounds(() => comparisonOf('regression', false))).rounds).toBe(8);
    expect((await rounds(() => comparisonOf('unknown', false))).rounds).toBe(8);
  });
});
