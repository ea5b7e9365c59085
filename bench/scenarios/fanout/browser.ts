import { addDelivery, NO_DELIVERY } from '../../load/delivery-counter.ts';
import { myShare } from '../../load/shares.ts';
import type { ScenarioOutput } from '../scenario.ts';
import { callPage } from '../../browser/page-api.ts';
import type { BrowserLoad } from '../../browser/scenario.ts';
import type { FanoutData, FanoutRoom } from './result.ts';
import { SETTLE_MS, gapMsFor, type FanoutSizes } from './sizes.ts';

const earliest = (values: readonly (number | null | undefined)[]) => {
  const present = values.filter((v): v is number => typeof v === 'number');
  return present.length > 0 ? Math.min(...present) : null;
};
const latest = (values: readonly (number | null | undefined)[]) => {
  const present = values.filter((v): v is number => typeof v === 'number');
  return present.length > 0 ? Math.max(...present) : null;
};

/**
 * One room of load.ts with the receivers in frames, paced and waited for as there: the first connection
 * of the main frame (of worker 0) also sends. Each frame keeps, per broadcast, its first and last
 * arrival, timed from the send time in the envelope on the clock all frames share (performance.timeOrigin
 * + now); here they become the earliest and latest over the frames.
 */
async function room({ job, session, mark }: BrowserLoad<FanoutSizes>, size: number, broadcasts: number): Promise<FanoutRoom> {
  const mine = myShare(size, job);
  const shares = await session.open(mine);
  try {
    await Promise.all(shares.map((s) => callPage(s.page, 'fanoutListen', broadcasts)));
    await mark(`fanout.${size}.start`);
    const sender = job.worker === 0 ? shares[0] : undefined;
    if (sender) await callPage(sender.page, 'fanoutSend', { broadcasts, payloadBytes: job.payloadBytes, gapMs: gapMsFor(size) });
    const pages = await Promise.all(shares.map((s) => callPage(s.page, 'fanoutResult', SETTLE_MS)));
    await mark(`fanout.${size}.end`);
    const seqs = Array.from({ length: broadcasts }, (_, seq) => seq);
    const expected = mine * broadcasts;
    const got = pages.reduce((a, p) => ({ ...a, delivered: a.delivered + p.delivery.delivered, duplicated: a.duplicated + p.delivery.duplicated, reordered: a.reordered + p.delivery.reordered }), NO_DELIVERY);
    if (shares[0]) await callPage(shares[0].page, 'show', `fanout room of ${size}: ${got.delivered} of ${expected} deliveries`);
    return {
      size,
      first: seqs.map((seq) => earliest(pages.map((p) => p.first[seq]))),
      last: seqs.map((seq) => latest(pages.map((p) => p.last[seq]))),
      delivery: { ...got, sent: expected, lost: expected - got.delivered },
    };
  } finally {
    await session.closeConnections();
  }
}

export async function browserFanout(load: BrowserLoad<FanoutSizes>): Promise<ScenarioOutput<FanoutData>> {
  const plan = load.sizes;
  const rooms: FanoutRoom[] = [];
  await load.mark('start');
  for (const size of plan.rooms) rooms.push(await room(load, size, plan.broadcasts));
  await load.mark('end');
  return { data: { rooms }, delivery: rooms.map((r) => r.delivery).reduce(addDelivery, NO_DELIVERY) };
}
