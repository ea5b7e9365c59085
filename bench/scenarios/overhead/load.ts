import type { ClientConnection } from '../../../clients/transport.ts';
import { NO_DELIVERY, addDelivery } from '../../load/delivery-counter.ts';
import { openMany } from '../../load/open-many.ts';
import { openFilesLimit } from '../../load/open-files.ts';
import { myShare } from '../../load/shares.ts';
import { sleep } from '../../load/sleep.ts';
import type { LoadContext, ScenarioOutput } from '../scenario.ts';
import { pollingStage } from './polling-stage.ts';
import { WindowReceivers } from './receivers.ts';
import type { OverheadData, OverheadStage } from './result.ts';
import { SETTLE_S, broadcastText, cannotHold, type OverheadSizes, type Stage } from './stage.ts';

/** One count of clients on the transport's own client: worker 0's first client broadcasts once a second. */
async function clientStage(ctx: LoadContext<OverheadSizes>, stage: Stage, conns: ClientConnection[], receivers: WindowReceivers): Promise<OverheadStage> {
  const more = stage.share - conns.length;
  if (more > 0) {
    const from = conns.length;
    conns.push(...(await openMany(more, (i) => ctx.connect((text) => receivers.receive(from + i, text)))));
  }
  await sleep(SETTLE_S * 1000);
  await ctx.mark(`c${stage.clients}-start`);
  receivers.open(conns.length, stage.firstSeq, stage.windowS);
  for (let i = 0; i < stage.windowS; i++) {
    if (ctx.job.worker === 0) conns[0]?.send(broadcastText(stage.firstSeq + i, ctx.job.payloadBytes));
    await sleep(1000);
  }
  await ctx.mark(`c${stage.clients}-end`);
  const delivery = receivers.close();
  return { clients: stage.clients, delivered: delivery.delivered, delivery, broadcasts: ctx.job.worker === 0 ? stage.windowS : 0 };
}

export async function loadOverhead(ctx: LoadContext<OverheadSizes>): Promise<ScenarioOutput<OverheadData>> {
  const { job, sizes } = ctx;
  const limit = openFilesLimit();
  const stages: OverheadStage[] = [];
  const skipped: number[] = [];
  const conns: ClientConnection[] = [];
  const receivers = new WindowReceivers();
  try {
    for (const [i, clients] of sizes.clients.entries()) {
      // the first count is always tried; a larger one only where this machine can hold it
      if (i > 0 && cannotHold(ctx.transport, clients, limit)) {
        skipped.push(clients);
        continue;
      }
      const stage = { clients, share: myShare(clients, job), windowS: sizes.windowS, firstSeq: i * sizes.windowS };
      // a client that polls on a timer asks many times a second; the 2010 table's clients ask once a second
      stages.push(ctx.transport.pollIntervalMs !== undefined ? await pollingStage(ctx, stage) : await clientStage(ctx, stage, conns, receivers));
    }
  } finally {
    await Promise.allSettled(conns.map((c) => c.close()));
  }
  // every client's broadcasts, counted as every scenario counts its messages
  const delivery = stages.reduce((sum, s) => (s.delivery ? addDelivery(sum, s.delivery) : sum), NO_DELIVERY);
  return { data: { stages, skipped, ...(limit === undefined ? {} : { openFilesLimit: limit }) }, delivery };
}
