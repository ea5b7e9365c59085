import { createHistogram, decodeHistogram, encodeHistogram } from '../stats/histogram.ts';
import { fellBehind } from '../load/health.ts';
import { OpenLoopConnection, runOpenLoop } from '../load/open-loop.ts';
import { healthFigures } from './common-figures.ts';
import type { Figure, LoadContext, MeasuredPoint, Scenario, ScenarioResult } from './scenario.ts';
import { senderNames } from './shares.ts';

/** A step keeps up when this share of what it offered came back before the drain ended. */
export const KEPT_UP_SHARE = 0.99;
/** After a step's last send, how long its replies may still take: a step that keeps up drains at once. */
const DRAIN_MS = 1000;
/**
 * A failed step is run once more when it failed only in its tail: it kept up, and at least this share of
 * its echoes came back within the bound. On this machine stalls of 10-40 ms come and go every few
 * seconds, in server and load process alike, and in a 0.4 s step one of them fails the step whatever the
 * transport; a rate the transport cannot hold pushes most echoes past the bound, or leaves them behind.
 * The second attempt decides the step; the first one's figures are kept and reported.
 */
export const TAIL_ONLY_SHARE = 0.9;

const key = (size: number, step: number, what: string) => `${size}.${step}.${what}`;

interface StepOutcome {
  rate: number;
  offered: number;
  delivered: number;
  late: number;
  p99Us: number;
  passed: boolean;
  loadLimited: boolean;
  /** the first attempt, when the step was run again after it failed in its tail alone */
  retried?: { p99Us: number; late: number };
}

/** Reads one step back from the merged result: pass when it kept up, under the p99 bound, on schedule. */
function stepOutcome(point: MeasuredPoint, size: number, step: number): StepOutcome | undefined {
  const { result, job } = point;
  const values = result.values ?? {};
  const offered = values[key(size, step, 'offered')];
  const encoded = result.histograms[`rtt.${size}.${step}`];
  if (offered === undefined || encoded === undefined) return undefined;
  const delivered = values[key(size, step, 'delivered')] ?? 0;
  const late = values[key(size, step, 'late')] ?? 0;
  const lagUs = Math.max(0, ...Object.entries(values).filter(([k]) => k.startsWith(key(size, step, 'lag.w'))).map(([, v]) => v));
  const h = decodeHistogram(encoded);
  const p99Us = h.totalCount > 0 ? h.getValueAtPercentile(99) : Number.POSITIVE_INFINITY;
  const loadLimited = fellBehind(lagUs, job.sizes.throughput.stepS);
  const keptUp = offered > 0 && delivered / offered >= KEPT_UP_SHARE;
  const rate = job.sizes.throughput.startRate * 2 ** step;
  const firstP99Us = values[key(size, step, 'first_p99')];
  const retried = firstP99Us === undefined ? undefined : { p99Us: firstP99Us, late: values[key(size, step, 'first_late')] ?? 0 };
  return { rate, offered, delivered, late, p99Us, passed: keptUp && p99Us <= job.sizes.throughput.p99BoundUs && !loadLimited, loadLimited, retried };
}

async function load(ctx: LoadContext): Promise<ScenarioResult> {
  const { job } = ctx;
  const plan = job.sizes.throughput;
  const histograms: Record<string, string> = {};
  const values: Record<string, number> = {};
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
      for (let step = 0, rate = plan.startRate; rate <= plan.maxRate; step++, rate *= 2) {
        // every load process starts each step together; with one process, the search stops at the first
        // failure, and a failure in the tail alone earns the step one more attempt
        let failed = false;
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
            values[key(size, step, 'first_p99')] = Number.isFinite(p99) ? p99 : 0;
            values[key(size, step, 'first_late')] = outcome.lateSends;
            continue;
          }
          histograms[`rtt.${size}.${step}`] = encodeHistogram(h.corrected);
          values[key(size, step, 'offered')] = outcome.delivery.sent;
          values[key(size, step, 'delivered')] = outcome.delivery.delivered;
          values[key(size, step, 'late')] = outcome.lateSends;
          // one key per worker: lags do not add, the worst worker's is the step's
          values[key(size, step, `lag.w${job.worker}`)] = outcome.scheduleLagUs;
          break;
        }
        if (job.workers === 1 && failed) break;
      }
    }
    await ctx.mark('end');
  } finally {
    await Promise.allSettled(conns.map((c) => c.close()));
  }
  const sent = Object.entries(values).filter(([k]) => k.endsWith('.offered')).reduce((a, [, v]) => a + v, 0);
  const delivered = Object.entries(values).filter(([k]) => k.endsWith('.delivered')).reduce((a, [, v]) => a + v, 0);
  // a backlog left by a failing step is the point of the search, not a delivery fault: counted, not flagged
  return { histograms, values, delivery: { sent, delivered, lost: 0, duplicated: 0, reordered: 0 } };
}

function figures(point: MeasuredPoint): Figure[] {
  const figures: Figure[] = [];
  const plan = point.job.sizes.throughput;
  for (const size of plan.sizes) {
    let best = 0;
    let limited = 0;
    for (let step = 0; ; step++) {
      const s = stepOutcome(point, size, step);
      if (!s) break;
      const at = { payloadBytes: size, ratePerS: s.rate };
      figures.push(
        { metric: 'step_rtt_p99', value: Number.isFinite(s.p99Us) ? s.p99Us : 0, unit: 'us', ...at },
        { metric: 'step_msgs_per_s', value: s.delivered / plan.stepS, unit: 'msg/s', ...at },
        { metric: 'step_late_sends', value: s.late, unit: 'count', ...at },
      );
      if (s.retried) {
        figures.push(
          { metric: 'step_first_rtt_p99', value: s.retried.p99Us, unit: 'us', ...at },
          { metric: 'step_first_late_sends', value: s.retried.late, unit: 'count', ...at },
        );
      }
      if (s.loadLimited) limited = 1;
      if (!s.passed) break;
      best = s.rate;
    }
    figures.push(
      { metric: 'max_msgs_per_s', value: best, unit: 'msg/s', payloadBytes: size },
      { metric: 'max_limited_by_load', value: limited, unit: 'count', payloadBytes: size },
    );
  }
  return [...figures, ...healthFigures(point)];
}

export const throughput: Scenario = {
  name: 'throughput',
  description: 'open-loop echo, the offered rate doubling each step until replies fall behind or p99 passes the bound (a sender that falls behind its own schedule marks the load as the limit)',
  load,
  figures,
};
