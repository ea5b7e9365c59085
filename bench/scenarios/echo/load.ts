import { createHistogram, encodeHistogram } from '../../stats/histogram.ts';
import { addDelivery, NO_DELIVERY } from '../../load/delivery-counter.ts';
import { ClosedLoop } from '../../load/closed-loop.ts';
import { openBounded } from '../../load/open-many.ts';
import { warmUp } from '../../load/warm-up.ts';
import { OpenLoopConnection, runOpenLoop } from '../../load/open-loop.ts';
import type { LoadContext, ScenarioOutput } from '../scenario.ts';
import type { EchoData } from './result.ts';
import { senderNames } from '../../load/shares.ts';

/** This load process's share of the point's connections, at least one so that every worker measures. */
function senders(ctx: LoadContext): string[] {
  const names = senderNames(ctx.job.connections, ctx.job);
  return names.length > 0 ? names : [`w${ctx.job.worker}c0`];
}

/**
 * With a yardstick, the closed loop's window is cut into this many parts with a slice of the yardstick
 * before each and after the last, so that both see the same states of the machine. 10 parts of ws's
 * 5,000 round trips in the ci profile: 500 round trips (about 25 ms) each.
 */
const YARDSTICK_PARTS = 10;
/** plain ping-pong round trips per slice: 2,200 in all, about 90 ms here */
const YARDSTICK_SLICE = 200;

async function closedLoop(ctx: LoadContext): Promise<ScenarioOutput<EchoData>> {
  const { job } = ctx;
  const loops = senders(ctx).map((sender) => new ClosedLoop({ sender, payloadBytes: job.payloadBytes, payloadKind: job.payloadKind, replyTimeoutMs: job.replyTimeoutMs }));
  try {
    await openBounded(loops, (l) => l.open(ctx.connect));
    // until the round-trip time settles (at least job.warmup each, at most warmupS): a transport that
    // never settles is measured partly cold, and says so
    const warm = await warmUp(loops, job.warmup, job.warmupS * 1000, ctx.ping);
    const rtt = createHistogram();
    const parts = ctx.yardstickSlice ? YARDSTICK_PARTS : 1;
    let delivery = NO_DELIVERY;
    await ctx.mark('start');
    for (let part = 0; part < parts; part++) {
      await ctx.yardstickSlice?.(YARDSTICK_SLICE);
      // the parts share the messages out exactly, whatever the count
      const count = Math.floor(((part + 1) * job.messages) / parts) - Math.floor((part * job.messages) / parts);
      const deliveries = await Promise.all(loops.map((l) => l.run(count, (job.durationS * 1000) / parts, rtt)));
      delivery = deliveries.reduce(addDelivery, delivery);
    }
    await ctx.yardstickSlice?.(YARDSTICK_SLICE);
    await ctx.mark('end');
    return { data: { rtt: encodeHistogram(rtt), warmup: warm }, delivery };
  } finally {
    await Promise.allSettled(loops.map((l) => l.close()));
  }
}

async function openLoop(ctx: LoadContext, ratePerS: number): Promise<ScenarioOutput<EchoData>> {
  const { job } = ctx;
  const conns = senders(ctx).map((sender) => new OpenLoopConnection(sender));
  const options = { ratePerS, payloadBytes: job.payloadBytes, payloadKind: job.payloadKind, replyTimeoutMs: job.replyTimeoutMs };
  try {
    await openBounded(conns, (c) => c.open(ctx.connect));
    if (job.warmupS > 0) await runOpenLoop(conns, { ...options, durationS: job.warmupS });
    const histograms = { corrected: createHistogram(), uncorrected: createHistogram() };
    await ctx.mark('start');
    const outcome = await runOpenLoop(conns, { ...options, durationS: job.durationS }, histograms);
    await ctx.mark('end');
    return {
      data: { rtt: encodeHistogram(histograms.corrected), rttUncorrected: encodeHistogram(histograms.uncorrected) },
      delivery: outcome.delivery,
      schedule: { lagUs: outcome.scheduleLagUs, lateSends: outcome.lateSends },
    };
  } finally {
    await Promise.allSettled(conns.map((c) => c.close()));
  }
}

/** Closed loop unless the job has a rate; an open loop's rate is shared out over the load processes. */
export function loadEcho(ctx: LoadContext): Promise<ScenarioOutput<EchoData>> {
  return ctx.job.ratePerS === undefined ? closedLoop(ctx) : openLoop(ctx, ctx.job.ratePerS / ctx.job.workers);
}
