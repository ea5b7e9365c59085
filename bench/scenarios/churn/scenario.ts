import { PAYLOAD_KINDS } from '../../../protocol/payload.ts';
import { gated } from '../../compare/metric-rule.ts';
import { performance } from 'node:perf_hooks';
import type { ClientConnection } from '../../../clients/transport.ts';
import { MESSAGE_KINDS, nowUs } from '../../../protocol/envelope.ts';
import { messageSender, type MessageSender } from '../../load/message-sender.ts';
import { myShare } from '../../load/shares.ts';
import { sleep } from '../../load/sleep.ts';
import type { Figure } from '../../results/figure.ts';
import { createHistogram, encodeHistogram, mergeHistograms, recordUs } from '../../stats/histogram.ts';
import { deliveryFigures, healthFigures, latencyFigures } from '../common-figures.ts';
import { defineScenario, type LoadContext, type ScenarioOutput } from '../scenario.ts';
import { ChurnReceiver } from './receiver.ts';
import { churnReport } from './report.ts';
import { GRACE_MS, POLL_MS, SETTLE_MS } from './timing.ts';

export interface ChurnSizes {
  connections: number;
  /** share of the connections dropped abruptly, once, while broadcasts go on */
  dropShare: number;
  /** broadcasts per second, from one sender that is never dropped */
  ratePerS: number;
  /** seconds of broadcasting; the drop comes at dropAtS */
  durationS: number;
  dropAtS: number;
}

/** What the dropped connections went through, and what the kept ones missed. */
export interface ChurnData {
  /** drop to usable again, an encoded HDR histogram in µs */
  reconnect: string;
  dropped: number;
  reconnected: number;
  /** messages broadcast while dropped connections were down, those that arrived anyway, those that never did */
  gapMsgs: number;
  recovered: number;
  lostInGap: number;
  /** messages the connections that were never dropped did not get */
  keptLost: number;
  /** connections whose client cannot drop (the scenario could not churn them) */
  dropUnsupported: number;
}

/** The counts of ChurnData, in the order their figures are written. */
const COUNTS = [
  ['churn_dropped', 'dropped'],
  ['churn_reconnected', 'reconnected'],
  ['churn_gap_msgs', 'gapMsgs'],
  ['churn_recovered', 'recovered'],
  ['churn_lost_in_gap', 'lostInGap'],
  ['churn_kept_lost', 'keptLost'],
  ['churn_drop_unsupported', 'dropUnsupported'],
] as const satisfies readonly (readonly [string, Exclude<keyof ChurnData, 'reconnect'>])[];

const SENDER = 'churn';

interface Held {
  conn: ClientConnection;
  receiver: ChurnReceiver;
}

/**
 * Broadcasts up to `count` messages on a fixed schedule from t0 (open loop: a slow server does not slow
 * it), ending early once `done` says so; returns how many it sent.
 */
async function broadcast(sender: ClientConnection, count: number, ratePerS: number, payload: { bytes: number; send: MessageSender }, t0: number, done: () => boolean): Promise<number> {
  for (let seq = 0; seq < count; seq++) {
    const wait = t0 + (seq * 1000) / ratePerS - performance.now();
    if (wait > 0) await sleep(wait);
    if (done()) return seq;
    payload.send(sender, { kind: MESSAGE_KINDS.broadcast, sender: SENDER, seq, sentUs: nowUs() }, payload.bytes);
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

async function openAll(ctx: LoadContext<ChurnSizes>, count: number, expected: number): Promise<Held[]> {
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
export const churn = defineScenario<ChurnSizes, ChurnData>({
  // its messages are made by load/message-sender.ts of the run's kind
  payloadKinds: PAYLOAD_KINDS,
  name: 'churn',
  description: 'broadcasts while a share of connections is dropped abruptly: time to reconnect, messages recovered and lost in the gap',
  sizes: {
    // EventSource retries after 3 s: a 3.5 s window with the drop at 0.3 s sees it back (and the grace after
    // the last broadcast lets its replay arrive)
    quick: { connections: 20, dropShare: 0.5, ratePerS: 40, durationS: 3.5, dropAtS: 0.3 },
    full: { connections: 200, dropShare: 0.5, ratePerS: 50, durationS: 10, dropAtS: 2 },
    ci: { connections: 20, dropShare: 0.5, ratePerS: 40, durationS: 5, dropAtS: 0.5 },
  },
  withConnections: (sizes, connections) => ({ ...sizes, connections }),

  // its figures follow each transport's retry policy (delays of 0.1 to 3 s) more than chance: one trial
  // is enough to see them, and keeps the default run within minutes
  maxTrials: 1,
  // losses in the gap are what churn measures; its section reports them
  expects: { loss: true },

  async load(ctx) {
    const { job } = ctx;
    const { connections, dropShare, ratePerS, durationS, dropAtS } = ctx.sizes;
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
      if (sender) sent = await broadcast(sender.conn, expected, ratePerS, { bytes: job.payloadBytes, send: messageSender(job.payloadKind) }, t0, done);
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

  merge: (parts) => {
    const merged: ChurnData = { reconnect: encodeHistogram(mergeHistograms(parts.map((p) => p.reconnect))), dropped: 0, reconnected: 0, gapMsgs: 0, recovered: 0, lostInGap: 0, keptLost: 0, dropUnsupported: 0 };
    for (const p of parts) for (const [, key] of COUNTS) merged[key] += p[key];
    return merged;
  },

  figures(point) {
    const { result } = point;
    const { connections, ratePerS } = point.sizes;
    const at = { connections, ratePerS };
    const figures: Figure[] = [
      ...latencyFigures(result.data.reconnect, 'reconnect', at),
      ...COUNTS.map(([metric, key]) => ({ metric, value: result.data[key], unit: 'count' as const, ...at })),
    ];
    return [...figures, ...deliveryFigures(result.delivery).map((f) => ({ ...f, ...at })), ...healthFigures(point).map((f) => ({ ...f, ...at }))];
  },

  report: churnReport,
  gate: gated({ noisyLower: ['reconnect_p50', 'reconnect_p99'] }),

  /** Schema 1 kept the histogram as `reconnect` and the counts under their metric names. */
  upgradeV1(old) {
    const values = old.values ?? {};
    const data: ChurnData = { reconnect: old.histograms['reconnect'] ?? encodeHistogram(createHistogram()), dropped: 0, reconnected: 0, gapMsgs: 0, recovered: 0, lostInGap: 0, keptLost: 0, dropUnsupported: 0 };
    for (const [metric, key] of COUNTS) data[key] = values[metric] ?? 0;
    return data;
  },
});

function summarise(held: Held[], unsupported: number, expected: number, seqAt: (us: number) => number): ScenarioOutput<ChurnData> {
  const reconnect = createHistogram();
  const data = { dropped: 0, reconnected: 0, gapMsgs: 0, recovered: 0, lostInGap: 0, keptLost: 0, dropUnsupported: unsupported };
  for (const { receiver: r } of held) {
    if (r.droppedAtUs === undefined) {
      data.keptLost += expected - r.delivered;
      continue;
    }
    data.dropped++;
    if (r.reconnectedAtUs !== undefined) {
      data.reconnected++;
      recordUs(reconnect, r.reconnectedAtUs - r.droppedAtUs);
    }
    const gap = r.gap(r.reconnectedAtUs === undefined ? expected : seqAt(r.reconnectedAtUs));
    data.gapMsgs += gap.messages;
    data.recovered += gap.recovered;
    data.lostInGap += gap.messages - gap.recovered;
  }
  const delivery = { sent: 0, delivered: 0, lost: 0, duplicated: 0, reordered: 0 };
  for (const { receiver: r } of held) {
    delivery.sent += expected;
    delivery.delivered += r.delivered;
    delivery.lost += expected - r.delivered;
    delivery.duplicated += r.duplicated;
    delivery.reordered += r.reordered;
  }
  return { data: { reconnect: encodeHistogram(reconnect), ...data }, delivery };
}
