import { describe, expect, it } from 'vitest';
import type { ClosedLoop } from '../bench/load/closed-loop.ts';
import { warmUp } from '../bench/load/warm-up.ts';
import { recordUs, type Histogram } from '../bench/stats/histogram.ts';

/**
 * A stand-in for a connection's closed loop whose round trip takes a steady `rttMs`: each run makes as
 * many as fit in its time (at most its count), each recorded at the same latency, so the warm-up's
 * batches are settled from the first and only its least time and count decide when it stops.
 */
function steadyLoop(rttMs: number): ClosedLoop {
  let sent = 0;
  return {
    get sent() {
      return sent;
    },
    run(count: number, maxMs: number, histogram?: Histogram) {
      const n = Math.max(1, Math.min(count, Math.floor(maxMs / rttMs)));
      for (let i = 0; i < n; i++) if (histogram) recordUs(histogram, rttMs * 1000);
      sent += n;
      return new Promise((resolve) => setTimeout(() => resolve({ sent: n, delivered: n, lost: 0, duplicated: 0, reordered: 0 }), n * rttMs));
    },
  } as unknown as ClosedLoop;
}

describe('the warm-up', () => {
  it('runs at least a second for a fast transport that reaches its count sooner', async () => {
    // 250 round trips a batch at 0.1 ms: 200 are done after the first batch, in about 25 ms
    const outcome = await warmUp([steadyLoop(0.1)], 200, 4000);
    expect(outcome.settled).toBe(true);
    expect(outcome.ms).toBeGreaterThanOrEqual(1000);
    expect(outcome.ms).toBeLessThan(2500);
  });

  it('makes a control round trip after each batch, so that the mark opening the window meets a warm path', async () => {
    let pings = 0;
    const outcome = await warmUp([steadyLoop(0.1)], 200, 600, async () => {
      pings++;
    });
    // 250 round trips a batch: one ping for each batch the warm-up made
    expect(pings).toBe(Math.ceil(outcome.done / 250));
  });

  it('stops at its count when its cap is below a second (a test-sized run)', async () => {
    const outcome = await warmUp([steadyLoop(0.1)], 200, 600);
    expect(outcome.settled).toBe(true);
    expect(outcome.ms).toBeLessThan(500);
  });

  it('does not hold a slow transport to a count its pace cannot reach by the cap', async () => {
    // 50 ms a round trip: 5 a batch, 3,000 would take 150 s against a 4 s cap
    const outcome = await warmUp([steadyLoop(50)], 3000, 4000);
    expect(outcome.settled).toBe(true);
    expect(outcome.ms).toBeGreaterThanOrEqual(1000);
    expect(outcome.ms).toBeLessThan(3000);
  });
});
