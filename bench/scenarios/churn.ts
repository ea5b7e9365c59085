import { performance } from 'node:perf_hooks';
import type { ClientConnection } from '../../clients/transport.ts';
import { MESSAGE_KINDS, encodePadded, nowUs } from '../../protocol/envelope.ts';
import { createHistogram, encodeHistogram, recordUs } from '../stats/histogram.ts';
import { ChurnReceiver } from './churn-receiver.ts';
import { deliveryFigures, healthFigures, latencyFigures } from './common-figures.ts';
import type { Figure, LoadContext, Scenario } from './scenario.ts';
import { myShare } from './shares.ts';

/** After the last broadcast: how long stragglers may take to reconnect and catch up. */
const GRACE_MS = 1_500;
const POLL_MS = 20;
/**
 * With every dropped connection back, the broadcast goes on this long, so that each shows it receives
 * again, and then ends short of its window: only EventSource's 3 s retry needs all of it.
 */
const SETTLE_MS = 1_000;
const SENDER = 'churn';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Held {
  conn: ClientConnection;
  receiver: ChurnReceiver;
}

/**
 * Broadcasts up to `count` messages on a fixed schedule from t0 (open loop: a slow server does not slow
 * it), ending early once `done` says so; returns how many it sent.
 */
async function broadcast(sender: ClientConnection, count: number, ratePerS: number, payloadBytes: number, t0: number, done: () => boolean): Promise<number> {
  for (let seq = 0; seq < count; seq++) {
    const wait = t0 + (seq * 1000) / ratePerS - performance.now();
    if (wait > 0) await sleep(wait);
    if (done()) return seq;
    sender.send(encodePadded({ kind: MESSAGE_KINDS.broadcast, sender: SENDER, seq, sentUs: nowUs() }, payloadBytes));
  }
  return count;
}

/** Every dropped connection has been back for SETTLE_MS (false until the drop). */
function allSettled(victims: readonly Held[], droppedAtUs: number | undefined): boolean {
  if (droppedAtUs === undefined) return false;
  let lastBackUs = droppedAtUs;
  for (const { receiver } of victims) {
    if (receiver.droppedAtUs === undefined) continue; // its transport cannot drop: nothing to wait for
    if (receiver.reconnectedAtUs === undefined) return false;
    lastBackUs = Math.max(lastBackUs, receiver.reconnectedAtUs);
  }
  return nowUs() - lastBackUs >= SETTLE_MS * 1000;
}

async function openAll(ctx: LoadContext, count: number, expected: number): Promise<Held[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const receiver = new ChurnReceiver(expected);
      const conn = await ctx.connect(receiver.onMessage, { reconnect: true, onReconnect: receiver.onReconnect });
      return { conn, receiver };
    }),
  );
}

/**
 * `churn`: every connection receives a steady stream of broadcasts from one sender (worker 0's first
 * connection, never dropped); once, at dropAtS, a share of the others is dropped abruptly (sockets
 * destroyed, no close handshake) and each transport recovers as it does: socket.io-client's reconnection,
 * EventSource's retry with Last-Event-ID (the server replays), long-poll and polling asking again (the
 * server kept their queue), the suite's reconnect for ws and websocket, nothing for raw TCP. Measured:
 * time from the drop to the connection being usable again, and of the messages broadcast in the gap,
 * how many still arrived (recovered) and how many never did (lost). With one load process, the broadcast
 * ends SETTLE_MS after every dropped connection is back, short of its window.
 */
export const churn: Scenario = {
  name: 'churn',
  description: 'broadcasts while a share of connections is dropped abruptly: time to reconnect, messages recovered and lost in the gap',

  // its figures follow each transport's retry policy (delays of 0.1 to 3 s) more than chance: one trial
  // is enough to see them, and keeps the default run within minutes
  maxTrials: 1,
  // losses in the gap are what churn measures; its section reports them
  expects: { loss: true },

  async load(ctx) {
    const { job } = ctx;
    const { connections, dropShare, ratePerS, durationS, dropAtS } = job.sizes.churn;
    const expected = Math.round(ratePerS * durationS);
    const held = await openAll(ctx, myShare(connections, job), expected);
    const sender = job.worker === 0 ? held[0] : undefined;
    const candidates = held.filter((h) => h !== sender);
    const victims = candidates.slice(0, Math.floor(candidates.length * dropShare));
    let unsupported = 0;
    try {
      await ctx.mark('start');
      const t0 = performance.now();
      const t0Us = nowUs();
      let droppedAtUs: number | undefined;
      const dropping = sleep(dropAtS * 1000).then(() => {
        for (const v of victims) {
          if (!v.conn.drop) {
            unsupported++;
            continue;
          }
          v.receiver.dropped();
          v.conn.drop();
        }
        droppedAtUs = nowUs();
      });
      // one load process sees every receiver and may end the broadcast early; with several, none can tell
      const done = () => job.workers === 1 && allSettled(victims, droppedAtUs);
      let sent = expected;
      if (sender) sent = await broadcast(sender.conn, expected, ratePerS, job.payloadBytes, t0, done);
      else await sleep(durationS * 1000);
      await dropping;
      for (const h of held) h.receiver.endAt(sent);
      const deadline = performance.now() + GRACE_MS;
      while (performance.now() < deadline && !held.every((h) => h.receiver.complete)) await sleep(POLL_MS);
      await ctx.mark('end');
      return summarise(held, unsupported, sent, (us) => Math.ceil(((us - t0Us) / 1e6) * ratePerS));
    } finally {
      await Promise.allSettled(held.map((h) => h.conn.close()));
    }
  },

  figures(point) {
    const { result } = point;
    const { connections, ratePerS } = point.job.sizes.churn;
    const at = { connections, ratePerS };
    const values = result.values ?? {};
    const count = (metric: string) => ({ metric, value: values[metric] ?? 0, unit: 'count' as const, ...at });
    const figures: Figure[] = [
      ...latencyFigures(result.histograms['reconnect'], 'reconnect', at),
      ...['churn_dropped', 'churn_reconnected', 'churn_gap_msgs', 'churn_recovered', 'churn_lost_in_gap', 'churn_kept_lost', 'churn_drop_unsupported'].map(count),
    ];
    return [...figures, ...deliveryFigures(result.delivery).map((f) => ({ ...f, ...at })), ...healthFigures(point).map((f) => ({ ...f, ...at }))];
  },
};

function summarise(held: Held[], unsupported: number, expected: number, seqAt: (us: number) => number) {
  const reconnect = createHistogram();
  const values: Record<string, number> = { churn_dropped: 0, churn_reconnected: 0, churn_gap_msgs: 0, churn_recovered: 0, churn_lost_in_gap: 0, churn_kept_lost: 0 };
  const add = (key: string, n: number) => (values[key] = (values[key] ?? 0) + n);
  for (const { receiver: r } of held) {
    if (r.droppedAtUs === undefined) {
      add('churn_kept_lost', expected - r.delivered);
      continue;
    }
    add('churn_dropped', 1);
    if (r.reconnectedAtUs !== undefined) {
      add('churn_reconnected', 1);
      recordUs(reconnect, r.reconnectedAtUs - r.droppedAtUs);
    }
    const gap = r.gap(r.reconnectedAtUs === undefined ? expected : seqAt(r.reconnectedAtUs));
    add('churn_gap_msgs', gap.messages);
    add('churn_recovered', gap.recovered);
    add('churn_lost_in_gap', gap.messages - gap.recovered);
  }
  values['churn_drop_unsupported'] = unsupported;
  const delivery = { sent: 0, delivered: 0, lost: 0, duplicated: 0, reordered: 0 };
  for (const { receiver: r } of held) {
    delivery.sent += expected;
    delivery.delivered += r.delivered;
    delivery.lost += expected - r.delivered;
    delivery.duplicated += r.duplicated;
    delivery.reordered += r.reordered;
  }
  return { histograms: { reconnect: encodeHistogram(reconnect) }, delivery, values };
}
