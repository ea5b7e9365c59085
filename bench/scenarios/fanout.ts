import { MESSAGE_KINDS, decode, encodePadded, nowUs } from '../../protocol/envelope.ts';
import { DeliveryCounter, NO_DELIVERY, addDelivery } from '../load/delivery-counter.ts';
import { createHistogram, encodeHistogram, recordUs } from '../stats/histogram.ts';
import { openMany } from '../load/open-many.ts';
import { healthFigures, latencyFigures } from './common-figures.ts';
import type { Figure, LoadContext, MeasuredPoint, Scenario, ScenarioResult } from './scenario.ts';
import { myShare } from './shares.ts';

/** After the last broadcast, how long the room may take to receive it before the rest counts as lost. */
const SETTLE_MS = 5_000;
/** Broadcasts are paced, not chained: one every this many µs per receiver, at least MIN_GAP_MS apart. */
const GAP_US_PER_RECEIVER = 100;
const MIN_GAP_MS = 10;

/**
 * One room: every connection of the point is a receiver; worker 0's first connection also sends.
 * Each receiver times a broadcast from the send time in its envelope (all processes read the host's
 * monotonic clock); per broadcast, each worker keeps its first and last arrival.
 */
async function room(ctx: LoadContext, size: number, broadcasts: number, values: Record<string, number>): Promise<DeliveryCounter[]> {
  const { job } = ctx;
  const mine = myShare(size, job);
  const counters = Array.from({ length: mine }, () => new DeliveryCounter(broadcasts));
  const first = new Float64Array(broadcasts).fill(Infinity);
  const last = new Float64Array(broadcasts);
  let complete = 0;
  let settle = () => {};
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const conns = await openMany(mine, (i) =>
    ctx.connect((text) => {
      const e = decode(text);
      const counter = counters[i];
      if (!e || !counter || !counter.record(e.seq)) return;
      const latency = nowUs() - e.sentUs;
      if (latency < (first[e.seq] ?? Infinity)) first[e.seq] = latency;
      if (latency > (last[e.seq] ?? 0)) last[e.seq] = latency;
      if (counter.delivered === broadcasts && ++complete === mine) settle();
    }),
  );
  try {
    await ctx.mark(`fanout.${size}.start`);
    const sender = job.worker === 0 ? conns[0] : undefined;
    const gapMs = Math.max(MIN_GAP_MS, (size * GAP_US_PER_RECEIVER) / 1000);
    for (let seq = 0; sender && seq < broadcasts; seq++) {
      sender.send(encodePadded({ kind: MESSAGE_KINDS.broadcast, sender: 'room', seq, sentUs: nowUs() }, job.payloadBytes));
      await new Promise((r) => setTimeout(r, gapMs));
    }
    if (mine === 0) settle();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([settled, new Promise((r) => (timer = setTimeout(r, SETTLE_MS)))]);
    clearTimeout(timer);
    await ctx.mark(`fanout.${size}.end`);
  } finally {
    await Promise.allSettled(conns.map((c) => c.close()));
  }
  // per worker and broadcast: the workers' first and last are combined (min, max) when figures are made
  for (let seq = 0; seq < broadcasts; seq++) {
    if (Number.isFinite(first[seq])) values[`${size}.${seq}.first.w${job.worker}`] = first[seq] ?? 0;
    if ((last[seq] ?? 0) > 0) values[`${size}.${seq}.last.w${job.worker}`] = last[seq] ?? 0;
  }
  return counters;
}

async function load(ctx: LoadContext): Promise<ScenarioResult> {
  const plan = ctx.job.sizes.fanout;
  const values: Record<string, number> = {};
  let delivery = NO_DELIVERY;
  await ctx.mark('start');
  for (const size of plan.rooms) {
    const counters = await room(ctx, size, plan.broadcasts, values);
    const d = counters.map((c) => c.result()).reduce(addDelivery, NO_DELIVERY);
    values[`${size}.delivered`] = d.delivered;
    values[`${size}.expected`] = d.sent;
    values[`${size}.lost`] = d.lost;
    values[`${size}.duplicated`] = d.duplicated;
    values[`${size}.reordered`] = d.reordered;
    delivery = addDelivery(delivery, d);
  }
  await ctx.mark('end');
  return { histograms: {}, values, delivery };
}

function figures(point: MeasuredPoint): Figure[] {
  const values = point.result.values ?? {};
  const figures: Figure[] = [];
  for (const size of point.job.sizes.fanout.rooms) {
    const first = createHistogram();
    const last = createHistogram();
    for (let seq = 0; seq < point.job.sizes.fanout.broadcasts; seq++) {
      const of = (what: string) => Object.entries(values).filter(([k]) => k.startsWith(`${size}.${seq}.${what}.w`)).map(([, v]) => v);
      const firsts = of('first');
      const lasts = of('last');
      if (firsts.length > 0) recordUs(first, Math.min(...firsts));
      if (lasts.length > 0) recordUs(last, Math.max(...lasts));
    }
    const at = { connections: size };
    figures.push(...latencyFigures(encodeHistogram(first), 'fanout_first', at), ...latencyFigures(encodeHistogram(last), 'fanout_last', at));
    for (const what of ['delivered', 'expected', 'lost', 'duplicated', 'reordered']) {
      figures.push({ metric: what === 'expected' ? 'sent' : what, value: values[`${size}.${what}`] ?? 0, unit: 'count', ...at });
    }
  }
  return [...figures, ...healthFigures(point)];
}

export const fanout: Scenario = {
  name: 'fanout',
  description: 'chat room: one client broadcasts to rooms of N receivers; latency to the first and the last receiver, every delivery counted',
  load,
  figures,
};
