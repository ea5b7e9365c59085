import type { Delivery } from '../../protocol/control.ts';
import { addDelivery, NO_DELIVERY } from '../load/delivery-counter.ts';
import { myShare } from '../scenarios/shares.ts';
import type { ScenarioResult } from '../scenarios/scenario.ts';
import { callPage } from './page-api.ts';
import type { BrowserLoad } from './scenario.ts';

/** The same pacing and patience as bench/scenarios/fanout.ts, so both clients see the same room. */
const SETTLE_MS = 5_000;
const GAP_US_PER_RECEIVER = 100;
const MIN_GAP_MS = 10;

/**
 * One room of bench/scenarios/fanout.ts with the receivers in frames: the first connection of the main
 * frame (of worker 0) also sends. Each frame keeps, per broadcast, its first and last arrival, timed from
 * the send time in the envelope on the clock all frames share (performance.timeOrigin + now); here they
 * become the min and max over the frames, in the values the Node scenario's figures() read.
 */
async function room({ job, session, mark }: BrowserLoad, size: number, broadcasts: number, values: Record<string, number>): Promise<Delivery> {
  const mine = myShare(size, job);
  const shares = await session.open(mine);
  try {
    await Promise.all(shares.map((s) => callPage(s.page, 'fanoutListen', broadcasts)));
    await mark(`fanout.${size}.start`);
    const sender = job.worker === 0 ? shares[0] : undefined;
    const gapMs = Math.max(MIN_GAP_MS, (size * GAP_US_PER_RECEIVER) / 1000);
    if (sender) await callPage(sender.page, 'fanoutSend', { broadcasts, payloadBytes: job.payloadBytes, gapMs });
    const pages = await Promise.all(shares.map((s) => callPage(s.page, 'fanoutResult', SETTLE_MS)));
    await mark(`fanout.${size}.end`);
    for (let seq = 0; seq < broadcasts; seq++) {
      const firsts = pages.map((p) => p.first[seq]).filter((v): v is number => typeof v === 'number');
      const lasts = pages.map((p) => p.last[seq]).filter((v): v is number => typeof v === 'number');
      if (firsts.length > 0) values[`${size}.${seq}.first.w${job.worker}`] = Math.min(...firsts);
      if (lasts.length > 0) values[`${size}.${seq}.last.w${job.worker}`] = Math.max(...lasts);
    }
    const expected = mine * broadcasts;
    const got = pages.reduce((a, p) => ({ ...a, delivered: a.delivered + p.delivery.delivered, duplicated: a.duplicated + p.delivery.duplicated, reordered: a.reordered + p.delivery.reordered }), NO_DELIVERY);
    if (shares[0]) await callPage(shares[0].page, 'show', `fanout room of ${size}: ${got.delivered} of ${expected} deliveries`);
    return { ...got, sent: expected, lost: expected - got.delivered };
  } finally {
    await session.closeConnections();
  }
}

export async function browserFanout(load: BrowserLoad): Promise<ScenarioResult> {
  const plan = load.job.sizes.fanout;
  const values: Record<string, number> = {};
  let delivery = NO_DELIVERY;
  await load.mark('start');
  for (const size of plan.rooms) {
    const d = await room(load, size, plan.broadcasts, values);
    values[`${size}.delivered`] = d.delivered;
    values[`${size}.expected`] = d.sent;
    values[`${size}.lost`] = d.lost;
    values[`${size}.duplicated`] = d.duplicated;
    values[`${size}.reordered`] = d.reordered;
    delivery = addDelivery(delivery, d);
  }
  await load.mark('end');
  return { histograms: {}, values, delivery };
}
