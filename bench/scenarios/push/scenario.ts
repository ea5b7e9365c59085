import { gated } from '../../compare/metric-rule.ts';
import { MESSAGE_KINDS, encode, encodePushBody, nowUs, seqOf } from '../../../protocol/envelope.ts';
import { DeliveryCounter, NO_DELIVERY, addDelivery } from '../../load/delivery-counter.ts';
import { openMany } from '../../load/open-many.ts';
import { untilCompleteOrQuiet } from '../../load/until-quiet.ts';
import type { Figure } from '../../results/figure.ts';
import { deliveryFigures, healthFigures } from '../common-figures.ts';
import { defineScenario, type LoadContext, type MeasuredPoint, type ScenarioOutput } from '../scenario.ts';
import { myShare } from '../../load/shares.ts';
import { pushReport } from './report.ts';
import { mergePush, pushFromV1, type PushData, type PushStream } from './result.ts';
import { PUSH_SIZES, STREAM_QUIET_MS, STREAM_TIMEOUT_MS, type PushSizes } from './sizes.ts';

/** Each receiver asks for one stream of `messages` and counts what arrives; resolves when all has, or when the rest has stopped coming. */
async function streamTo(ctx: LoadContext<PushSizes>, clients: number, messages: number): Promise<{ counters: DeliveryCounter[]; lastUs: number; startUs: number }> {
  const { job } = ctx;
  const mine = myShare(clients, job);
  const counters = Array.from({ length: mine }, () => new DeliveryCounter(messages));
  let done = 0;
  let lastUs = 0;
  let finish = () => {};
  const allIn = new Promise<void>((resolve) => (finish = resolve));
  const conns = await openMany(mine, (i) =>
    ctx.connect((text) => {
      const counter = counters[i];
      const seq = seqOf(text);
      if (!counter || seq < 0) return;
      counter.record(seq);
      lastUs = nowUs();
      if (counter.delivered === messages && ++done === mine) finish();
    }),
  );
  try {
    await ctx.mark(`push.${clients}.start`);
    const startUs = nowUs();
    conns.forEach((c, i) =>
      c.send(encode({ kind: MESSAGE_KINDS.pushRequest, sender: `w${job.worker}p${i}`, seq: 0, sentUs: startUs, body: encodePushBody(messages, job.payloadBytes) })),
    );
    if (mine === 0) finish();
    // a stream that lost messages ends when the rest stops coming, its loss counted, not at the timeout
    await untilCompleteOrQuiet({ complete: allIn, lastArrivalUs: () => Math.max(lastUs, startUs), quietMs: STREAM_QUIET_MS, maxMs: STREAM_TIMEOUT_MS });
    await ctx.mark(`push.${clients}.end`);
    return { counters, lastUs, startUs };
  } finally {
    await Promise.allSettled(conns.map((c) => c.close()));
  }
}

async function load(ctx: LoadContext<PushSizes>): Promise<ScenarioOutput<PushData>> {
  const plan = ctx.sizes;
  const streams: PushStream[] = [];
  let delivery = NO_DELIVERY;
  await ctx.mark('start');
  for (const clients of plan.clients) {
    const { counters, lastUs, startUs } = await streamTo(ctx, clients, plan.messages);
    const d = counters.map((c) => c.result()).reduce(addDelivery, NO_DELIVERY);
    delivery = addDelivery(delivery, d);
    streams.push({ clients, delivered: d.delivered, sent: d.sent, elapsedUs: lastUs > startUs ? lastUs - startUs : 0 });
  }
  await ctx.mark('end');
  return { data: { streams }, delivery };
}

function figures(point: MeasuredPoint<PushSizes, PushData>): Figure[] {
  const { result, marks, job } = point;
  const figures: Figure[] = [];
  for (const { clients, elapsedUs, delivered, sent } of result.data.streams) {
    const start = marks[`push.${clients}.start`];
    const end = marks[`push.${clients}.end`];
    const at = { connections: clients };
    if (elapsedUs > 0) {
      const seconds = elapsedUs / 1e6;
      figures.push(
        { metric: 'msgs_per_s', value: delivered / seconds, unit: 'msg/s', ...at },
        { metric: 'payload_bytes_per_s', value: (delivered * job.payloadBytes) / seconds, unit: 'B/s', ...at },
      );
      if (start && end) figures.push({ metric: 'wire_bytes_down_per_s', value: (end.bytesWritten - start.bytesWritten) / seconds, unit: 'B/s', ...at });
    }
    if (start && end) {
      // bounded memory: what the server process grew by while streaming, and where it ended
      figures.push(
        { metric: 'server_rss_growth_bytes', value: end.rssBytes - start.rssBytes, unit: 'B', ...at },
        { metric: 'server_rss_bytes', value: end.rssBytes, unit: 'B', ...at },
      );
    }
    figures.push({ metric: 'delivered', value: delivered, unit: 'count', ...at }, { metric: 'sent', value: sent, unit: 'count', ...at });
  }
  const d = result.delivery;
  return [...figures, ...deliveryFigures(d).filter((f) => !['sent', 'delivered'].includes(f.metric)), ...healthFigures(point)];
}

export const push = defineScenario<PushSizes, PushData>({
  name: 'push',
  description: 'the server streams N messages to each of 1 and to many clients at once; received msgs/s and bytes/s, server memory',
  sizes: PUSH_SIZES,
  load,
  merge: mergePush,
  figures,
  report: pushReport,
  gate: gated({ noisyHigher: ['msgs_per_s'] }),
  upgradeV1: pushFromV1,
});
