import type autocannonType from 'autocannon';
import { HttpChannel, expectStatus, newClientId } from '../../../clients/http-channel.ts';
import { sleep } from '../../load/sleep.ts';
import type { LoadContext } from '../scenario.ts';
import { WindowReceivers } from './receivers.ts';
import type { OverheadStage } from './result.ts';
import { broadcastText, type OverheadSizes, type Stage } from './stage.ts';

/**
 * A transport that polls on a timer, at N clients that each ask once a second, as the 2010 table
 * assumes, loaded by autocannon: our own polling client asks every 50 ms, and 20 requests a second per client at 1,000 clients would
 * measure a saturated server, not the cost of polling. autocannon holds one keep-alive socket per
 * client and sends one GET /poll a second on each; the ids are registered first and handed out in turn,
 * so every client's queue is asked once a second. One of the ids also posts the broadcast.
 */
/** autocannon opens its sockets over a second or two: the window starts once all of them are asking. */
const SETTLE_S = 3;

/** autocannon's context of one request, fresh for each: the id it polled, read again by its response. */
interface PollContext {
  id?: string;
}

export async function pollingStage(ctx: LoadContext<OverheadSizes>, stage: Stage): Promise<OverheadStage> {
  const { host, port, worker } = ctx.job;
  const setup = new HttpChannel(host, port);
  const ids: string[] = [];
  try {
    for (let i = 0; i < stage.share; i++) {
      const id = newClientId();
      expectStatus(await setup.request('POST', `/open?id=${id}`), 204, 'polling open');
      ids.push(id);
    }
  } finally {
    setup.close();
  }
  // one counter per id; a request's id rides in autocannon's per-request context to its response
  const receivers = new WindowReceivers();
  const client = new Map(ids.map((id, i) => [id, i]));
  let next = 0;
  // loaded here, not at the top: every load process would otherwise pay for it at start-up (~0.3 s)
  const autocannon: typeof autocannonType = (await import('autocannon')).default;
  const running = autocannon({
    url: `http://${host}:${port}`,
    connections: ids.length,
    connectionRate: 1,
    duration: SETTLE_S + stage.windowS + 1,
    requests: [
      {
        method: 'GET',
        setupRequest: (request, context: PollContext) => {
          context.id = ids[next++ % ids.length] ?? '';
          return { ...request, path: `/poll?id=${context.id}` };
        },
        onResponse: (status, body, context: PollContext) => {
          const i = client.get(context.id ?? '');
          if (status !== 200 || i === undefined) return;
          for (const text of JSON.parse(body) as string[]) receivers.receive(i, text);
        },
      },
    ],
  });
  const sender = new HttpChannel(host, port);
  try {
    await sleep(SETTLE_S * 1000);
    await ctx.mark(`c${stage.clients}-start`);
    receivers.open(ids.length, stage.firstSeq, stage.windowS);
    for (let i = 0; i < stage.windowS; i++) {
      // a POST that fails loses its broadcast, which the deliveries counted show
      if (worker === 0) void sender.request('POST', `/send?id=${ids[0] ?? ''}`, broadcastText(stage.firstSeq + i, ctx.job.payloadBytes)).catch(() => undefined);
      await sleep(1000);
    }
    await ctx.mark(`c${stage.clients}-end`);
  } finally {
    sender.close();
  }
  const result = await running;
  // the last broadcast may wait up to a second in its queues for their next poll: autocannon's last
  // second asks for it, so a message counts as lost only if it never came, not if it came after the window
  const delivery = receivers.close();
  return {
    clients: stage.clients,
    delivered: delivery.delivered,
    delivery,
    broadcasts: worker === 0 ? stage.windowS : 0,
    autocannon: {
      requestsPerS: result.requests.average,
      bytesPerS: result.throughput.average,
      latencyP50Us: result.latency.p50 * 1000,
      errors: result.errors + result.non2xx,
    },
  };
}
