import { MESSAGE_KINDS, nowUs, sentUsOf, seqOf } from '../../../protocol/envelope.ts';
import { messageSender } from '../../load/message-sender.ts';
import { DeliveryCounter, NO_DELIVERY, addDelivery } from '../../load/delivery-counter.ts';
import { openMany } from '../../load/open-many.ts';
import { myShare } from '../../load/shares.ts';
import { sleep } from '../../load/sleep.ts';
import { untilCompleteOrQuiet } from '../../load/until-quiet.ts';
import type { LoadContext, ScenarioOutput } from '../scenario.ts';
import type { FanoutRoom, FanoutData } from './result.ts';
import { QUIET_MS, SETTLE_MS, gapMsFor, type FanoutSizes } from './sizes.ts';

/**
 * One room: every connection of the point is a receiver; worker 0's first connection also sends.
 * Each receiver times a broadcast from the send time in its envelope (all processes read the host's
 * monotonic clock); per broadcast, this process keeps the first and last arrival it saw.
 */
async function room(ctx: LoadContext<FanoutSizes>, size: number, broadcasts: number): Promise<FanoutRoom> {
  const { job } = ctx;
  const mine = myShare(size, job);
  const counters = Array.from({ length: mine }, () => new DeliveryCounter(broadcasts));
  const first = new Float64Array(broadcasts).fill(Infinity);
  const last = new Float64Array(broadcasts);
  let complete = 0;
  let lastUs = 0;
  let settle = () => {};
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const conns = await openMany(mine, (i) =>
    ctx.connect((text) => {
      const seq = seqOf(text);
      const counter = counters[i];
      if (seq < 0 || !counter || !counter.record(seq)) return;
      lastUs = nowUs();
      const latency = lastUs - sentUsOf(text);
      if (latency < (first[seq] ?? Infinity)) first[seq] = latency;
      if (latency > (last[seq] ?? 0)) last[seq] = latency;
      if (counter.delivered === broadcasts && ++complete === mine) settle();
    }),
  );
  try {
    await ctx.mark(`fanout.${size}.start`);
    const sender = job.worker === 0 ? conns[0] : undefined;
    const gapMs = gapMsFor(size);
    const send = messageSender(job.payloadKind);
    for (let seq = 0; sender && seq < broadcasts; seq++) {
      send(sender, { kind: MESSAGE_KINDS.broadcast, sender: 'room', seq, sentUs: nowUs() }, job.payloadBytes);
      await sleep(gapMs);
    }
    if (mine === 0) settle();
    // a room that lost broadcasts is done when the rest stops coming, its loss counted, not at SETTLE_MS
    const sentAllUs = nowUs();
    await untilCompleteOrQuiet({ complete: settled, lastArrivalUs: () => Math.max(lastUs, sentAllUs), quietMs: QUIET_MS, maxMs: SETTLE_MS });
    await ctx.mark(`fanout.${size}.end`);
  } finally {
    await Promise.allSettled(conns.map((c) => c.close()));
  }
  return {
    size,
    first: Array.from(first, (us) => (Number.isFinite(us) ? us : null)),
    last: Array.from(last, (us) => (us > 0 ? us : null)),
    delivery: counters.map((c) => c.result()).reduce(addDelivery, NO_DELIVERY),
  };
}

export async function loadFanout(ctx: LoadContext<FanoutSizes>): Promise<ScenarioOutput<FanoutData>> {
  const plan = ctx.sizes;
  const rooms: FanoutRoom[] = [];
  await ctx.mark('start');
  for (const size of plan.rooms) rooms.push(await room(ctx, size, plan.broadcasts));
  await ctx.mark('end');
  return { data: { rooms }, delivery: rooms.map((r) => r.delivery).reduce(addDelivery, NO_DELIVERY) };
}
