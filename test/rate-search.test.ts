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
