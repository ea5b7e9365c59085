import { spawnSync } from 'node:child_process';
import type { ClientConnection } from '../../clients/transport.ts';
import { openMany } from '../load/open-many.ts';
import { myShare } from './shares.ts';
import { pollingStage } from './overhead-polling.ts';
import { SETTLE_S, broadcastText, cannotHold, clientCountsOf, windowOf, type Stage } from './overhead-stage.ts';
import { overheadFigures } from './overhead-figures.ts';
import type { LoadContext, Scenario, ScenarioResult } from './scenario.ts';
import { sleep } from './wire-exchange.ts';

/** This process's open-files limit (`ulimit -n`), which its children share. */
function openFilesLimit(): number | undefined {
  const n = Number(spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout?.trim());
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** One count of clients on the transport's own client: worker 0's first client broadcasts once a second. */
async function clientStage(ctx: LoadContext, stage: Stage, conns: ClientConnection[], counter: { received: number }): Promise<Record<string, number>> {
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
  return { [`delivered_${stage.clients}`]: counter.received - baseline, [`broadcasts_${stage.clients}`]: ctx.job.worker === 0 ? stage.windowS : 0 };
}

async function load(ctx: LoadContext): Promise<ScenarioResult> {
  const { job } = ctx;
  const limit = openFilesLimit();
  const values: Record<string, number> = {};
  const conns: ClientConnection[] = [];
  const counter = { received: 0 };
  try {
    for (const [i, clients] of clientCountsOf(job.profile).entries()) {
      // the first count is always tried; a larger one only where this machine can hold it
      if (i > 0 && cannotHold(ctx.transport, clients, limit)) {
        values[`skipped_${clients}`] = 1;
        continue;
      }
      const stage = { clients, share: myShare(clients, job), windowS: windowOf(job.profile) };
      // a client that polls on a timer asks many times a second; the 2010 table's clients ask once a second
      const measured = ctx.transport.pollIntervalMs !== undefined ? await pollingStage(ctx, stage) : await clientStage(ctx, stage, conns, counter);
      Object.assign(values, measured);
    }
  } finally {
    await Promise.allSettled(conns.map((c) => c.close()));
  }
  if (limit !== undefined) values['open_files_limit'] = limit;
  const broadcasts = Object.entries(values).filter(([k]) => k.startsWith('broadcasts_'));
  const sent = broadcasts.reduce((sum, [, v]) => sum + v, 0);
  return { histograms: {}, delivery: { sent, delivered: 0, lost: 0, duplicated: 0, reordered: 0 }, values };
}

export const overhead: Scenario = {
  name: 'overhead',
  description:
    'the 2010 header-overhead table redone: 1,000 clients (10,000 in the full profile) each getting one ' +
    'broadcast a second, wire bytes per second and the overhead beyond the payload; 100,000 extrapolated',
  load,
  figures: overheadFigures,
  maxTrials: 1,
  notByDefault: 'it holds 1,000 clients per transport for a while (about a minute in all); it runs with wire when that is named',
};
