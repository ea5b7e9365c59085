import { createHistogram } from '../stats/histogram.ts';
import type { ClosedLoop } from './closed-loop.ts';

/**
 * Round trips per connection in one warm-up batch, or as many as fit in BATCH_MS: enough that a batch's
 * median is steady (ws makes 250 in about 15 ms here, long-polling in about 100 ms), few enough that
 * the warm-up can stop soon after the server has become fast.
 */
const BATCH = 250;
const BATCH_MS = 250;
/**
 * Settled: the median of the last SETTLE_BATCHES batch medians is no more than SETTLE_GAIN below that of
 * the SETTLE_BATCHES before them, i.e. the round trip has stopped falling. A trend, not a band: on this
 * shared machine one batch's median jumps by 2x now and then, and a band around it would never close.
 */
const SETTLE_BATCHES = 3;
const SETTLE_GAIN = 0.1;
/**
 * The least a warm-up runs: `minRoundTrips` each (unless its pace cannot reach them within the cap: short
 * polling makes 20 round trips a second) and this long, so that a fast transport is not
 * measured half-warm. Stopping at the count alone (ws's 2,000 round trips take about 0.18 s here) left
 * the suite's ws load at 65-70% of the hand-written client's echo rate, which warms for a second; with a
 * second of warm-up the same load drove 84-90% of it (the young generation and V8's code are still
 * settling in the first fraction of a second). A cap (maxMs) below this is a test's: its count alone.
 */
const MIN_WARM_MS = 1000;

export interface WarmUpOutcome {
  /** round trips made, over all the loops */
  done: number;
  /** the least asked for, over all the loops */
  asked: number;
  /** whether the round-trip time stopped falling before the time cap */
  settled: boolean;
  /** each batch's median round trip, µs, in order: how the server warmed */
  batchP50Us: number[];
  /** how long the warm-up took */
  ms: number;
}

/**
 * Warms the server's message path: closed-loop round trips in batches until at least `minRoundTrips`
 * per connection are done (or cannot be by `maxMs`) and MIN_WARM_MS has passed, and the round-trip time
 * has stopped falling (the last three batches' median no more than 10% below the three before), or until `maxMs`. V8 optimises a message path only after a few thousand
 * round trips, and how many a transport needs differs (socket.io's and the HTTP transports' take more
 * than ws's): a fixed count either leaves the slow ones cold or keeps the fast ones waiting.
 * `ping`, after each batch, is a control round trip (LoadContext.ping): the mark that opens the window is
 * one, and the first control message after a warm-up without any left the next ~1,000 round trips slow
 * here (their p99 about 250 µs against 65 µs after it, slow at the same counts each time; likely an IPC message's
 * path through shared code deoptimising the warm message path, which V8 then optimises again). With
 * control round trips during the warm-up, the suite's ws load went from 68% to 86-89% of the
 * hand-written client's echo rate in the default run, and tcp's overhead over the ping-pong from 1.20x to 1.15x.
 */
export async function warmUp(loops: readonly ClosedLoop[], minRoundTrips: number, maxMs: number, ping?: () => Promise<void>): Promise<WarmUpOutcome> {
  const started = performance.now();
  const batchP50Us: number[] = [];
  const before = loops.reduce((sum, l) => sum + l.sent, 0);
  let perLoop = 0;
  let settled = false;
  const histogram = createHistogram();
  const leastMs = maxMs >= MIN_WARM_MS ? MIN_WARM_MS : 0;
  while (!settled) {
    const left = maxMs - (performance.now() - started);
    if (left <= 0) break;
    histogram.reset();
    const sentBefore = loops.reduce((sum, l) => sum + l.sent, 0);
    await Promise.all(loops.map((l) => l.run(BATCH, Math.min(BATCH_MS, left), histogram)));
    if (loops.reduce((sum, l) => sum + l.sent, 0) === sentBefore) break; // nothing went through: nothing to warm
    perLoop += Math.round((loops.reduce((sum, l) => sum + l.sent, 0) - sentBefore) / Math.max(1, loops.length));
    if (histogram.totalCount > 0) batchP50Us.push(histogram.getValueAtPercentile(50));
    await ping?.();
    const elapsed = performance.now() - started;
    // the count is asked of a transport only if its pace can reach it within the cap
    const countDone = perLoop >= minRoundTrips || (perLoop / elapsed) * maxMs < minRoundTrips;
    settled = countDone && elapsed >= leastMs && isSettled(batchP50Us);
  }
  return {
    done: loops.reduce((sum, l) => sum + l.sent, 0) - before,
    asked: minRoundTrips * loops.length,
    settled,
    batchP50Us,
    ms: performance.now() - started,
  };
}

/** The last SETTLE_BATCHES medians' median at most SETTLE_GAIN below the median of the SETTLE_BATCHES before. */
export function isSettled(batchP50Us: readonly number[]): boolean {
  if (batchP50Us.length < 2 * SETTLE_BATCHES) return false;
  const last = median(batchP50Us.slice(-SETTLE_BATCHES));
  const before = median(batchP50Us.slice(-2 * SETTLE_BATCHES, -SETTLE_BATCHES));
  return last >= (1 - SETTLE_GAIN) * before;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
