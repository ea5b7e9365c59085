import type { ClientConnection } from '../../../clients/transport.ts';
import { openMany } from '../../load/open-many.ts';
import { openFilesLimit } from '../../load/open-files.ts';
import { myShare } from '../../load/shares.ts';
import { sleep } from '../../load/sleep.ts';
import type { LoadContext, ScenarioOutput } from '../scenario.ts';
import { pollingStage } from './polling-stage.ts';
import type { OverheadData, OverheadStage } from './result.ts';
import { SETTLE_S, broadcastText, cannotHold, type OverheadSizes, type Stage } from './stage.ts';

/** One count of clients on the transport's own client: worker 0's first client broadcasts once a second. */
async function clientStage(ctx: LoadContext<OverheadSizes>, stage: Stage, conns: ClientConnection[], counter: { received: number }): Promise<OverheadStage> {
  const more = stage.share - conns.length;
  if (more > 0) conns.push(...(await openMany(more, () => ctx.connect(() => counter.received++))));
  await sleep(SETTLE_S * 1000);
  await ctx.mark(`c${stage.clients}-start`);
  const baseline = counter.received;
  for (let i = 0; i < stage.windowS; i++) {
    if (ctx.job.worker === 0) conns[0]?.send(broadcastText(i, ctx.job.payloadBytes));
    await sleep(1000);
  }
  await ctx.mark(`c${stage.clients}-end`);
  return { clients: stage.clients, delivered: counter.received - baseline, broadcasts: ctx.job.worker === 0 ? stage.windowS : 0 };
}

export async function loadOverhead(ctx: LoadContext<OverheadSizes>): Promise<ScenarioOutput<OverheadData>> {
  const { job, sizes } = ctx;
  const limit = openFilesLimit();
  const stages: OverheadStage[] = [];
  const skipped: number[] = [];
  const conns: ClientConnection[] = [];
  const counter = { received: 0 };
  try {
    for (const [i, clients] of sizes.clients.entries()) {
      // the first count is always tried; a larger one only where this machine can hold it
      if (i > 0 && cannotHold(ctx.transport, clients, limit)) {
        skipped.push(clients);
        continue;
      }
      const stage = { clients, share: myShare(clients, job), windowS: sizes.windowS };
      // a client that polls on a timer asks many times a second; the 2010 table's clients ask once a second
      stages.push(ctx.transport.pollIntervalMs !== undefined ? await pollingStage(ctx, stage) : await clientStage(ctx, stage, conns, counter));
    }
  } finally {
    await Promise.allSettled(conns.map((c) => c.close()));
  }
  const sent = stages.reduce((sum, s) => sum + s.broadcasts, 0);
  return {
    data: { stages, skipped, ...(limit === undefined ? {} : { openFilesLimit: limit }) },
    delivery: { sent, delivered: 0, lost: 0, duplicated: 0, reordered: 0 },
  };
}
