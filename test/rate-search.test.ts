import { describe, expect, it } from 'vitest';
import { searchLimit, type SearchPlan } from '../bench/load/rate-search.ts';

const PLAN: SearchPlan = { startRate: 1000, resolution: 0.05, floorRate: 20, maxSteps: 24 };

/** The rates a search tries against a transport that holds `limit` a second and, above it, delivers `delivers(rate)`. */
async function ratesTried(limit: number, delivers: (rate: number) => number = (r) => r): Promise<number[]> {
  const tried: number[] = [];
  await searchLimit(PLAN, async (rate) => {
    tried.push(rate);
    return { passed: rate <= limit, deliveredPerS: rate <= limit ? rate : delivers(rate) };
  });
  return tried;
}

describe('the search for a limit', () => {
  it('doubles to the first failure, then bisects to within 5%', async () => {
    const tried = await ratesTried(5000);
    expect(tried.slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);
    expect(tried.at(-1)).toBeLessThanOrEqual(8000);
  });

  it('goes down by halves from a failing start when the failure still delivered about what was offered (a latency failure)', async () => {
    expect((await ratesTried(300)).slice(0, 3)).toEqual([1000, 500, 250]);
  });

  it('goes straight to what a failing start delivered when that is far below it (a transport far slower than the start)', async () => {
    const tried = await ratesTried(45, () => 48);
    expect(tried.slice(0, 2)).toEqual([1000, 48]);
    // then down from there, and bisected: never at 500, 250, 125 or 62
    expect(tried).not.toContain(500);
    expect(tried.length).toBeLessThan(10);
  });

  it('tries the floor once when what was delivered is under it, and stops there', async () => {
    expect(await ratesTried(5, () => 3)).toEqual([1000, 20]);
  });

  it("ends where a step says 'stop'", async () => {
    const tried: number[] = [];
    await searchLimit(PLAN, async (rate) => {
      tried.push(rate);
      return tried.length === 2 ? 'stop' : { passed: true };
    });
    expect(tried).toEqual([1000, 2000]);
  });
});

describe('the search with confirmTop: the top of its bracket tried once more at the end', () => {
  const CONFIRM: SearchPlan = { ...PLAN, confirmTop: true };

  /** The rates tried against a transport that holds `limit`, but failed `slowRate` the first time (the machine slow then). */
  async function withOneSlowMoment(limit: number, slowRate: number): Promise<{ tried: number[]; outcome: Awaited<ReturnType<typeof searchLimit>> }> {
    const tried: number[] = [];
    const outcome = await searchLimit(CONFIRM, async (rate) => {
      tried.push(rate);
      const slowMoment = rate === slowRate && tried.filter((r) => r === slowRate).length === 1;
      return { passed: rate <= limit && !slowMoment };
    });
    return { tried, outcome };
  }

  it('reopens the search above a top that failed once in a slow moment, and finds the limit past it', async () => {
    // the machine slow while 8,000 was first tried: it failed then, and passes later, as below 12,000 every rate does
    const { tried, outcome } = await withOneSlowMoment(12_000, 8000);
    expect(tried.slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);
    expect(tried.filter((r) => r === 8000)).toHaveLength(2);
    expect(tried).toContain(16_000);
    expect(outcome.lastPass).toBeGreaterThan(11_000);
    expect(outcome.lastPass).toBeLessThanOrEqual(12_000);
    expect(((outcome.firstFail ?? Infinity) - outcome.lastPass) / outcome.lastPass).toBeLessThanOrEqual(0.05);
  });

  it('keeps a top that fails again, after one more step, and tries it only once more', async () => {
    const plain: number[] = [];
    await searchLimit(PLAN, async (rate) => (plain.push(rate), { passed: rate <= 5000 }));
    const tried: number[] = [];
    const outcome = await searchLimit(CONFIRM, async (rate) => (tried.push(rate), { passed: rate <= 5000 }));
    const top = Math.min(...plain.filter((r) => r > 5000));
    expect(tried).toEqual([...plain, top]);
    expect(outcome.firstFail).toBe(top);
  });

  it('bisects below a failure above the top when the top passes on its second try', async () => {
    // 6,000 fails once (a slow moment), 8,000 always: the search ends between 6,000 and 8,000, never above 8,000
    const { tried, outcome } = await withOneSlowMoment(7000, 6000);
    expect(tried.filter((r) => r > 8000)).toEqual([]);
    expect(outcome.lastPass).toBeGreaterThan(6000);
    expect(outcome.firstFail).toBeLessThanOrEqual(8000);
  });
});
