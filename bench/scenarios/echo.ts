import { createHistogram, encodeHistogram } from '../stats/histogram.ts';
import { addDelivery, NO_DELIVERY } from '../load/delivery-counter.ts';
import { ClosedLoop } from '../load/closed-loop.ts';
import { OpenLoopConnection, runOpenLoop } from '../load/open-loop.ts';
import { deliveryFigures, healthFigures, latencyFigures, serverFigures } from './common-figures.ts';
import type { LoadContext, Scenario, ScenarioResult } from './scenario.ts';
import { senderNames } from './shares.ts';

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

async function closedLoop(ctx: LoadContext): Promise<ScenarioResult> {
  const { job } = ctx;
  const loops = senders(ctx).map((sender) => new ClosedLoop({ sender, payloadBytes: job.payloadBytes, replyTimeoutMs: job.replyTimeoutMs }));
  try {
    await Promise.all(loops.map((l) => l.open(ctx.connect)));
    await Promise.all(loops.map((l) => l.run(job.warmup, job.warmupS * 1000)));
    // how far the warm-up got before warmupS: a transport too slow to reach the count is measured partly cold
    const warmedUp = loops.reduce((sum, l) => sum + l.sent, 0);
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
    return {
      histograms: { rtt: encodeHistogram(rtt) },
      delivery,
      values: { warmup_round_trips: warmedUp, warmup_round_trips_asked: job.warmup * loops.length },
    };
  } finally {
    await Promise.allSettled(loops.map((l) => l.close()));
  }
}

async function openLoop(ctx: LoadContext, ratePerS: number): Promise<ScenarioResult> {
  const { job } = ctx;
  const conns = senders(ctx).map((sender) => new OpenLoopConnection(sender));
  const options = { ratePerS, payloadBytes: job.payloadBytes, replyTimeoutMs: job.replyTimeoutMs };
  try {
    await Promise.all(conns.map((c) => c.open(ctx.connect)));
    if (job.warmupS > 0) await runOpenLoop(conns, { ...options, durationS: job.warmupS });
    const histograms = { corrected: createHistogram(), uncorrected: createHistogram() };
    await ctx.mark('start');
    const outcome = await runOpenLoop(conns, { ...options, durationS: job.durationS }, histograms);
    await ctx.mark('end');
    return {
      histograms: { rtt: encodeHistogram(histograms.corrected), rtt_uncorrected: encodeHistogram(histograms.uncorrected) },
      delivery: outcome.delivery,
      lateSends: outcome.lateSends,
      scheduleLagUs: outcome.scheduleLagUs,
    };
  } finally {
    await Promise.allSettled(conns.map((c) => c.close()));
  }
}

export const echo: Scenario = {
  name: 'echo',
  description:
    'echo round trips: closed loop (each connection waits for its echo before the next send), or open loop ' +
    'at a fixed rate (--rate) with latency timed from the scheduled send',

  load: (ctx) => (ctx.job.ratePerS === undefined ? closedLoop(ctx) : openLoop(ctx, ctx.job.ratePerS / ctx.job.workers)),

  figures(point) {
    const { result } = point;
    const figures = [...latencyFigures(result.histograms['rtt'], 'rtt')];
    if (point.job.ratePerS !== undefined) {
      figures.push(...latencyFigures(result.histograms['rtt_uncorrected'], 'rtt_uncorrected'));
      figures.push({ metric: 'late_sends', value: result.lateSends ?? 0, unit: 'count' });
    }
    const seconds = result.health.elapsedUs / 1e6;
    if (seconds > 0) figures.push({ metric: 'msgs_per_s', value: result.delivery.delivered / seconds, unit: 'msg/s' });
    const warmedUp = result.values?.['warmup_round_trips'];
    if (warmedUp !== undefined) figures.push({ metric: 'warmup_round_trips', value: warmedUp, unit: 'count' });
    return [...figures, ...serverFigures(point), ...healthFigures(point), ...deliveryFigures(result.delivery)];
  },

  warnings({ job, result }) {
    const done = result.values?.['warmup_round_trips'];
    const asked = result.values?.['warmup_round_trips_asked'];
    // most of the way there is near enough (ws reached about 2,400 of 3,000 in the quick profile's half
    // second); under half, the figures are a cold server's as much as a warm one's
    if (done === undefined || asked === undefined || done >= asked / 2) return [];
    return [
      {
        title: 'warm-up cut short',
        value: Math.round(done).toLocaleString('en-US'),
        detail:
          `of ${asked.toLocaleString('en-US')} round trips in ${job.warmupS} s. ` +
          "V8 optimises a message path only after a few thousand, so its latency is likely above a warm server's.",
      },
    ];
  },
};
