import { nowUs } from '../../../protocol/envelope.ts';
import { readWaits, waitedBetween } from '../../../protocol/run-queue.ts';
import { LoopMonitor } from '../../../protocol/loop-monitor.ts';
import { addDelivery, NO_DELIVERY } from '../../load/delivery-counter.ts';
import { fellBehind } from '../../load/health.ts';
import { machineStalled, STALL_RETRIES } from '../../load/stall.ts';
import { OpenLoopConnection, runOpenLoop, closedLoopWarmUp } from '../../load/open-loop.ts';
import { searchLimit, startFromWarmUp, type StepOutcome } from '../../load/rate-search.ts';
import { openBounded } from '../../load/open-many.ts';
import { usesLoadClient } from '../../load/load-client.ts';
import { connectionsPerProcess, FILES_SPARE, openFilesLimit } from '../../load/open-files.ts';
import { createHistogram, decodeHistogram, encodeHistogram } from '../../stats/histogram.ts';
import type { LoadContext, ScenarioOutput } from '../scenario.ts';
import type { ThroughputData, ThroughputSearch, ThroughputStep } from './result.ts';
import { WARMUP_WINDOW, type ThroughputSizes } from './sizes.ts';

/** A step keeps up when this share of what it offered came back before the drain ended. */
export const KEPT_UP_SHARE = 0.99;
/** After a step's last send, how long its replies may still take: a step that keeps up drains at once. */
export const DRAIN_MS = 1000;

/** The mark names of a step, for the server's stats at its start and end (figures.ts reads them). */
export const stepMark = (search: Pick<ThroughputSearch, 'payloadBytes' | 'connections'>, index: number, again: boolean) =>
  `tp.${search.payloadBytes}.${search.connections}.${index}${again ? '.again' : ''}`;

/**
 * Whether a step passed, and whether its failure is worth one more attempt (it kept up and kept its schedule).
 * A failed step is run once more when it kept up (its echoes came back within the drain) and its load
 * kept its schedule: the second attempt decides it, and the first one's figures are kept and reported.
 * On this machine stalls of 10-40 ms come and go every few seconds, in server and load process alike,
 * and near a transport's limit one of them fails a step by far more than its tail: the backlog a stall
 * leaves at 90% of the limit drains at a tenth of the rate, so a 20 ms stall holds half of a 0.4 s step
 * past a 10 ms bound, and a search judged on it ends far below the limit. A rate the transport
 * cannot hold fails both attempts; one it could not carry at all falls behind, or never drains, and is
 * decided at once.
 */
export function judgeStep(step: Pick<ThroughputStep, 'offered' | 'delivered' | 'lagUs'>, p99Us: number, bound: number, stepS: number) {
  const keptUp = step.offered > 0 && step.delivered / step.offered >= KEPT_UP_SHARE && !fellBehind(step.lagUs, stepS);
  const passed = keptUp && p99Us <= bound;
  return { passed, again: !passed && keptUp };
}

/** One step at `rate`, with the server's stats read around it and the load process's own cost measured. */
async function runStep(ctx: LoadContext<ThroughputSizes>, conns: readonly OpenLoopConnection[], search: ThroughputSearch, rate: number, index: number, bound: number, again = false): Promise<ThroughputStep> {
  const { stepS } = ctx.sizes;
  const loop = new LoopMonitor();
  let first: ThroughputStep['first'];
  let stalls = 0;
  for (let attempt = 0; ; attempt++) {
    const mark = stepMark(search, index, again || attempt > 0);
    await ctx.mark(`${mark}.start`);
    const h = { corrected: createHistogram(), uncorrected: createHistogram() };
    loop.take();
    const cpu = process.cpuUsage();
    const waited = readWaits(ctx.job.serverPids, ctx.job.pointPids);
    const t0 = nowUs();
    const outcome = await runOpenLoop(conns, { ratePerS: rate, durationS: stepS, payloadBytes: search.payloadBytes, payloadKind: ctx.job.payloadKind, replyTimeoutMs: DRAIN_MS }, h);
    const used = process.cpuUsage(cpu);
    const cost = {
      loadCpuUs: used.user + used.system,
      loadLoopDelayP99Us: loop.take().p99Us,
      wallUs: nowUs() - t0,
      ...waitedBetween(waited, readWaits(ctx.job.serverPids, ctx.job.pointPids)),
    };
    await ctx.mark(`${mark}.end`);
    const d = outcome.delivery;
    const step: ThroughputStep = {
      rate,
      offered: d.sent,
      delivered: d.delivered,
      duplicated: d.duplicated,
      reordered: d.reordered,
      late: outcome.lateSends,
      lagUs: outcome.scheduleLagUs,
      rtt: encodeHistogram(h.corrected),
      elapsedUs: outcome.elapsedUs,
      cost,
      ...(first ? { first } : {}),
      ...(stalls > 0 ? { stalls } : {}),
    };
    const replied = h.corrected.totalCount > 0;
    const verdict = judgeStep(step, replied ? h.corrected.getValueAtPercentile(99) : Infinity, bound, stepS);
    if (!verdict.passed && machineStalled(cost, ctx.sizes.stallWaitShare)) {
      if (stalls++ < STALL_RETRIES) continue; // the machine's stall, not the transport's: try the rate again
      return { ...step, passed: false, stalled: true };
    }
    // the search's first step is a guess from the warm-up, and the step right after it met a one-off
    // (ws at 100 connections failed 35,000 msg/s, its load waiting 44 ms, then held 95,000 in other
    // runs): a failure there is run once more whatever it was, or the search never goes above it
    if ((verdict.again || (index === 0 && !verdict.passed)) && first === undefined) {
      first = { p99Us: h.corrected.getValueAtPercentile(99), late: outcome.lateSends };
      continue;
    }
    return { ...step, passed: verdict.passed };
  }
}

/** A step's p99 from its stored histogram; undefined when nothing came back. */
function p99Of(rtt: ThroughputStep['rtt']): number | undefined {
  const h = decodeHistogram(rtt);
  return h.totalCount > 0 ? h.getValueAtPercentile(99) : undefined;
}

/** What the search steers by: a step the machine stalled every time ends it (what is left to find is the machine's). */
function outcomeOf(step: ThroughputStep): StepOutcome | 'stop' {
  if (step.stalled) return 'stop';
  return { passed: step.passed === true, ...(step.elapsedUs ? { deliveredPerS: step.delivered / (step.elapsedUs / 1e6) } : {}) };
}

/** The search at one payload size and connection count, over its own connections. */
async function search(ctx: LoadContext<ThroughputSizes>, payloadBytes: number, connections: number, bound: number): Promise<ThroughputSearch> {
  const { job, sizes } = ctx;
  const result: ThroughputSearch = { payloadBytes, connections, steps: [] };
  // a search runs against one server process (the capacity of a process is the question), whose open
  // files must hold every connection's sockets, as must the one load process's
  const fits = connectionsPerProcess(ctx.transport.socketsPerConnection, openFilesLimit());
  if (connections > fits) {
    result.notRun = `${connections.toLocaleString('en-US')} connections of ${ctx.transport.socketsPerConnection} socket(s) each need more than the ${(fits * ctx.transport.socketsPerConnection + FILES_SPARE).toLocaleString('en-US')} open files one process may have (${fits.toLocaleString('en-US')} connections fit)`;
    return result;
  }
  const conns = Array.from({ length: connections }, (_, i) => new OpenLoopConnection(`w${job.worker}c${i}`));
  try {
    await openBounded(conns, (c) => c.open(ctx.connect));
    // a discarded closed-loop warm-up, so that no step pays for JIT, heap growth and connection setup
    const warmupS = Math.min(sizes.warmupS, job.warmupS);
    if (warmupS > 0) {
      const t0 = nowUs();
      const back = await closedLoopWarmUp(conns, { count: sizes.warmupEchoes, window: WARMUP_WINDOW, maxMs: warmupS * 1000, payloadBytes, payloadKind: job.payloadKind });
      result.warmupPerS = back / ((nowUs() - t0) / 1e6);
    }
    await searchLimit({ ...sizes, startRate: startFromWarmUp(sizes.startRate, result.warmupPerS) }, async (rate) => {
      // the search's second try of its bracket's top (rate-search.ts confirmTop) is that rate's step from
      // now on, in its place and under its retry's mark names (figures.ts finds a step's marks by its
      // place), one step a rate as in every search; the earliest try before it is kept as its first attempt
      const earlier = result.steps.findIndex((s) => s.rate === rate);
      const before = result.steps[earlier];
      if (earlier < 0 || !before) {
        // a step's marks are named by its place in the list, which is the search's count of steps until
        // a top is tried again (that try takes an earlier place), and one less after it
        const step = await runStep(ctx, conns, result, rate, result.steps.length, bound);
        result.steps.push(step);
        return outcomeOf(step);
      }
      const step = await runStep(ctx, conns, result, rate, earlier, bound, true);
      const p99Us = p99Of(before.rtt);
      const first = before.first ?? (p99Us === undefined ? undefined : { p99Us, late: before.late });
      result.steps[earlier] = { ...step, ...(first ? { first } : {}) };
      return outcomeOf(step);
    });
  } catch (error) {
    // one search's failure (connections that would not open, a server gone) is recorded in it, and the
    // point's other searches keep what they measured; a server that is gone fails the next one too
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    await Promise.allSettled(conns.map((c) => c.close()));
  }
  return result;
}

/**
 * Open-loop echo at rates the search chooses (doubling, then bisecting: load/rate-search.ts), for each
 * payload size and connection count; a failure in a step's tail alone earns the step one more attempt.
 */
export async function loadThroughput(ctx: LoadContext<ThroughputSizes>): Promise<ScenarioOutput<ThroughputData>> {
  const bound = ctx.job.p99BoundUs;
  const searches: ThroughputSearch[] = [];
  await ctx.mark('start');
  for (const payloadBytes of ctx.sizes.payloads) {
    for (const connections of ctx.sizes.connections) searches.push(await search(ctx, payloadBytes, connections, bound));
  }
  await ctx.mark('end');
  // the passing steps' delivery is the point's: the transport kept up there, so a loss is a fault; the
  // backlog a failing step leaves is the search's purpose, counted in its own figures, not flagged
  const passing = searches.flatMap((s) => s.steps.filter((step) => step.passed));
  const delivery = passing
    .map((s) => ({ sent: s.offered, delivered: s.delivered, lost: s.offered - s.delivered, duplicated: s.duplicated, reordered: s.reordered }))
    .reduce(addDelivery, NO_DELIVERY);
  const lean = usesLoadClient({ drivesServerToLimit: true }, ctx.transport, ctx.job);
  return { data: { searches, ...(lean ? { loadClient: true as const } : {}) }, delivery };
}
