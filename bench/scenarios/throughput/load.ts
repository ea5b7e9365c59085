import { createHistogram, encodeHistogram } from '../../stats/histogram.ts';
import { fellBehind } from '../../load/health.ts';
import { OpenLoopConnection, runOpenLoop } from '../../load/open-loop.ts';
import type { LoadContext, ScenarioOutput } from '../scenario.ts';
import { senderNames } from '../../load/shares.ts';
import type { ThroughputData, ThroughputSearch, ThroughputStep } from './result.ts';
import type { ThroughputSizes } from './sizes.ts';

/** A step keeps up when this share of what it offered came back before the drain ended. */
export const KEPT_UP_SHARE = 0.99;
/** After a step's last send, how long its replies may still take: a step that keeps up drains at once. */
export const DRAIN_MS = 1000;
/**
 * A failed step is run once more when it failed only in its tail: it kept up, and at least this share of
 * its echoes came back within the bound. On this machine stalls of 10-40 ms come and go every few
 * seconds, in server and load process alike, and in a 0.4 s step one of them fails the step whatever the
 * transport; a rate the transport cannot hold pushes most echoes past the bound, or leaves them behind.
 * The second attempt decides the step; the first one's figures are kept and reported.
 */
export const TAIL_ONLY_SHARE = 0.9;

/**
 * Open-loop echo at rates doubling step by step, for each payload size: with one load process, each
 * search stops at its first failed step, and a failure in the tail alone earns the step one more attempt.
 */
export async function loadThroughput(ctx: LoadContext<ThroughputSizes>): Promise<ScenarioOutput<ThroughputData>> {
  const { job, sizes: plan } = ctx;
  const searches: ThroughputSearch[] = [];
  const names = senderNames(job.connections, job);
  const conns = (names.length > 0 ? names : [`w${job.worker}c0`]).map((n) => new OpenLoopConnection(n));
  await Promise.all(conns.map((c) => c.open(ctx.connect)));
  try {
    // a discarded warm-up at the starting rate, so the first step does not pay for JIT and connection setup
    if (job.warmupS > 0) {
      const warm = { ratePerS: plan.startRate / job.workers, durationS: job.warmupS, payloadBytes: plan.sizes[0] ?? 64, replyTimeoutMs: DRAIN_MS };
      await runOpenLoop(conns, warm);
    }
    await ctx.mark('start');
    for (const size of plan.sizes) {
      const search: ThroughputSearch = { payloadBytes: size, steps: [] };
      searches.push(search);
      for (let step = 0, rate = plan.startRate; rate <= plan.maxRate; step++, rate *= 2) {
        // every load process starts each step together; with one process, the search stops at the first
        // failure, and a failure in the tail alone earns the step one more attempt
        let failed = false;
        let first: ThroughputStep['first'];
        for (let attempt = 0; attempt < 2; attempt++) {
          await ctx.mark(`step.${size}.${step}${attempt > 0 ? '.again' : ''}`);
          const h = { corrected: createHistogram(), uncorrected: createHistogram() };
          const options = { ratePerS: rate / job.workers, durationS: plan.stepS, payloadBytes: size, replyTimeoutMs: DRAIN_MS };
          const outcome = await runOpenLoop(conns, options, h);
          const p99 = h.corrected.totalCount > 0 ? h.corrected.getValueAtPercentile(99) : Infinity;
          failed = outcome.delivery.delivered / outcome.delivery.sent < KEPT_UP_SHARE || p99 > plan.p99BoundUs || fellBehind(outcome.scheduleLagUs, plan.stepS);
          const keptUp = outcome.delivery.delivered / outcome.delivery.sent >= KEPT_UP_SHARE;
          const tailOnly = keptUp && h.corrected.getValueAtPercentile(TAIL_ONLY_SHARE * 100) <= plan.p99BoundUs;
          if (job.workers === 1 && failed && tailOnly && attempt === 0) {
            first = { p99Us: Number.isFinite(p99) ? p99 : 0, late: outcome.lateSends };
            continue;
          }
          search.steps.push({
            offered: outcome.delivery.sent,
            delivered: outcome.delivery.delivered,
            late: outcome.lateSends,
            lagUs: outcome.scheduleLagUs,
            rtt: encodeHistogram(h.corrected),
            ...(first ? { first } : {}),
          });
          break;
        }
        if (job.workers === 1 && failed) break;
      }
    }
    await ctx.mark('end');
  } finally {
    await Promise.allSettled(conns.map((c) => c.close()));
  }
  const steps = searches.flatMap((s) => s.steps);
  const sent = steps.reduce((a, s) => a + s.offered, 0);
  const delivered = steps.reduce((a, s) => a + s.delivered, 0);
  // a backlog left by a failing step is the point of the search, not a delivery fault: counted, not flagged
  return { data: { searches }, delivery: { sent, delivered, lost: 0, duplicated: 0, reordered: 0 } };
}

