import { PAYLOAD_KINDS } from '../../../protocol/payload.ts';
import { MESSAGE_KINDS, nowUs } from '../../../protocol/envelope.ts';
import { messageSender } from '../../load/message-sender.ts';
import { addFailures, noFailures, type FailureCounts } from '../../load/connect-failure.ts';
import { gated } from '../../compare/metric-rule.ts';
import { openFilesLimit } from '../../load/open-files.ts';
import { myShare } from '../../load/shares.ts';
import { sleep } from '../../load/sleep.ts';
import { defineScenario } from '../scenario.ts';
import { idleFigures, idleMeasuredFigures } from './figures.ts';
import { calmMark, heldMark, quietMark, sentMark, windowMark } from './marks.ts';
import { clientMemory, type ProcessMemory } from '../../load/client-memory.ts';
import { findTransport } from '../../../transports/registry.ts';
import { IdlePool, capCounts, type BroadcastRound } from './hold.ts';
import { idleReport } from './report.ts';
import { IDLE_SIZES, OPEN_RATE_PER_S, countsUpTo, quietWindowS, type IdleSizes } from './sizes.ts';

/** What was held at each count (the counts this machine's open-files limit allowed), and any cap. */
export interface IdleData {
  held: {
    count: number;
    held: number;
    failed: number;
    causes?: Partial<FailureCounts>;
    /** growth ran out of time before this count */
    outOfTime?: boolean;
    /** the load processes' own memory after a GC at this count, summed (absent in runs before it) */
    client?: ProcessMemory;
  }[];
  /** the load processes' memory after a GC with no connections, summed: the baseline of the client side's fit */
  clientBase?: ProcessMemory;
  /** counts asked for above what the server could hold, and the count they were lowered to */
  capped: { asked: number; to: number }[];
  /** one broadcast to every member at each count (absent in runs before it) */
  broadcasts?: ({ count: number } & BroadcastRound)[];
}

const sumMemory = (all: readonly (ProcessMemory | undefined)[]): ProcessMemory => ({
  heapBytes: all.reduce((n, m) => n + (m?.heapBytes ?? 0), 0),
  rssBytes: all.reduce((n, m) => n + (m?.rssBytes ?? 0), 0),
});

/** `--connections` from this many up: a quiet window at each count of the ladder (IdleSizes.windowEveryCount). */
const SIZING_CONNECTIONS = 1000;

/** After a count is reached: time for handshakes and first polls to finish before memory is read. */
const SETTLE_MS = 500;
/** A broadcast's round ends when nothing more arrived for this long (what is missing then is lost)... */
const BROADCAST_QUIET_MS = 3_000;
/** ...or after this long whatever happens: 100,000 members on two cores take seconds, not minutes. */
const BROADCAST_CAP_MS = 60_000;
/**
 * The time opening connections may take, per connection of the largest count, plus a minute: 66 a
 * second at the least (with other work on both cores, a load average of 27, this machine opened 70 a
 * second for ws and socketio side by side; 1,000–1,400 alone). Past it the point stops growing and
 * measures what it holds, so a run that cannot reach its count keeps what it measured and says so.
 */
const GROWTH_MS_PER_CONNECTION = 15;
const GROWTH_SPARE_MS = 60_000;
/** Beyond growth, windows and broadcasts: stats, GC and closing every connection. */
const POINT_SPARE_MS = 120_000;
const growthBudgetMs = (sizes: IdleSizes) => GROWTH_SPARE_MS + GROWTH_MS_PER_CONNECTION * Math.max(...sizes.counts);

/**
 * `idle`: hold connections that say nothing, at several counts one after another, and read the server's
 * heap and RSS after a forced GC at each (and at none): the slope of a line through them is what one
 * more idle connection costs. At the largest count, last, the connections then sit quiet for windowS
 * seconds and the server's socket counters give the bytes an idle connection moves (heartbeats,
 * keep-alives, polls), scaled to a minute: a heartbeat slower than the window is not seen, and the report
 * says so. The window comes last so that the run can go on beside it (waitsAfter): from its `calm:` mark
 * the point does nothing but wait, read the counters, and close.
 */
export const idle = defineScenario<IdleSizes, IdleData>({
  // its messages are made by load/message-sender.ts of the run's kind
  payloadKinds: PAYLOAD_KINDS,
  name: 'idle',
  description: 'idle connections held at several counts: server heap and RSS per connection after GC, idle bytes per minute',
  sizes: IDLE_SIZES,
  // a ladder to thousands of connections is a sizing question: the heartbeat bytes at each step of it
  // too (a window, two heartbeats long, per count); a small one keeps its one window
  withConnections: (sizes, connections) => ({ ...sizes, counts: countsUpTo(connections), ...(connections >= SIZING_CONNECTIONS ? { windowEveryCount: true } : {}) }),
  // its points are sized from the largest count: a node:cluster server, load processes, source addresses
  mostConnections: (sizes) => Math.max(...sizes.counts),

  // most of its time goes to holding thousands of connections, and its slope and bytes move little
  // between trials: one trial keeps the default run within minutes
  maxTrials: 1,
  // idle connections cost no CPU: every transport's points wait out their windows side by side
  concurrent: true,
  waitsAfter: (mark) => mark.startsWith('calm:'),
  pointTimeoutMs: (sizes, config) =>
    POINT_SPARE_MS +
    growthBudgetMs(sizes) +
    BROADCAST_CAP_MS * sizes.counts.length +
    1000 * (sizes.windowEveryCount ? sizes.counts.length : 1) * Math.max(...config.transports.map((t) => quietWindowS(sizes, findTransport(t)?.heartbeat?.seconds))),

  async load(ctx) {
    const { job } = ctx;
    const { counts: asked } = ctx.sizes;
    const windowS = quietWindowS(ctx.sizes, ctx.transport.heartbeat?.seconds);
    const counts = capCounts(asked, ctx.transport, openFilesLimit());
    // the caps are the same in every worker; one reports them
    const capped = job.worker === 0 ? asked.filter((c) => !counts.includes(c)).map((c) => ({ asked: c, to: Math.max(...counts) })) : [];
    const held: IdleData['held'] = [];
    const broadcasts: NonNullable<IdleData['broadcasts']> = [];
    const broadcastOne = messageSender(job.payloadKind);
    const pool = new IdlePool(ctx, (ctx.sizes.openRatePerS ?? OPEN_RATE_PER_S) / job.workers, ctx.sizes.used);
    let clientBase: ProcessMemory | undefined;
    // what is measured so far, to the orchestrator: at 100,000 a point runs half an hour, and one that
    // fails or runs out of time at its last count keeps every count before it (partialFigures)
    const progress = () => ctx.progress?.({ held, capped, broadcasts, ...(clientBase ? { clientBase } : {}) } satisfies IdleData);
    try {
      await ctx.mark('start', { gc: true }); // no connections: the baseline of the fit
      clientBase = clientMemory();
      const growUntil = performance.now() + growthBudgetMs(ctx.sizes);
      for (const [i, count] of counts.entries()) {
        await pool.growTo(myShare(count, job), growUntil);
        await sleep(SETTLE_MS);
        const outOfTime = performance.now() > growUntil;
        held.push({ count, held: pool.open.length, failed: pool.failed, causes: { ...pool.causes }, ...(outOfTime ? { outOfTime: true } : {}), client: clientMemory() });
        // before its mark, so that a point cut short keeps, with each count's memory, what was held at it
        progress();
        pool.startRound(i + 1); // counting before anyone can send it
        await ctx.mark(heldMark(count), { gc: true });
        // one member of the first load process sends it; the hub gives it to everyone, the sender included
        if (job.worker === 0) broadcastOne(pool.open[0], { kind: MESSAGE_KINDS.broadcast, sender: 'w0i', seq: i + 1, sentUs: nowUs() }, job.payloadBytes);
        broadcasts.push({ count, ...(await pool.endRound(BROADCAST_QUIET_MS, BROADCAST_CAP_MS)) });
        progress();
        // out of time, the larger counts are still marked (the marks are barriers every load process must
        // reach), each holding what was held when growth stopped: the figures show held below the count
        await ctx.mark(sentMark(count));
        // heartbeat bytes at every count where the sizes ask (the largest count's window comes below)
        if (ctx.sizes.windowEveryCount && i < counts.length - 1) {
          await ctx.mark(windowMark(count));
          await sleep(windowS * 1000);
          await ctx.mark(quietMark(count));
        }
      }
      const last = counts[counts.length - 1];
      if (last !== undefined) {
        await ctx.mark(calmMark(last));
        await sleep(windowS * 1000);
        await ctx.mark(quietMark(last));
      }
      await ctx.mark('end');
    } finally {
      await pool.close();
    }
    const most = counts[counts.length - 1] ?? 0;
    const atMost = held.find((h) => h.count === most)?.held ?? 0;
    const sent = broadcasts.reduce((n, b) => n + b.members, 0);
    const delivered = broadcasts.reduce((n, b) => n + b.delivered, 0);
    const duplicated = broadcasts.reduce((n, b) => n + b.duplicated, 0);
    return {
      data: { held, capped, broadcasts, ...(clientBase ? { clientBase } : {}) },
      // connections opened, and every member's copy of each broadcast
      delivery: { sent: myShare(most, job) + sent, delivered: atMost + delivered, lost: myShare(most, job) - atMost + sent - delivered, duplicated, reordered: 0 },
    };
  },

  // over the counts every part reached: all of them in a whole point; in a point cut short (partial data,
  // LoadContext.progress) one load process may be a count ahead, and that count is not the whole point's
  merge: (parts) => ({
    held: (parts[0]?.held ?? []).slice(0, Math.min(...parts.map((p) => p.held.length))).map(({ count }, i) => ({
      count,
      held: parts.reduce((n, p) => n + (p.held[i]?.held ?? 0), 0),
      failed: parts.reduce((n, p) => n + (p.held[i]?.failed ?? 0), 0),
      causes: parts.reduce((sum, p) => addFailures(sum, p.held[i]?.causes ?? {}), noFailures()),
      ...(parts.some((p) => p.held[i]?.outOfTime) ? { outOfTime: true } : {}),
      ...(parts.every((p) => p.held[i]?.client) ? { client: sumMemory(parts.map((p) => p.held[i]?.client)) } : {}),
    })),
    ...(parts.every((p) => p.clientBase) ? { clientBase: sumMemory(parts.map((p) => p.clientBase)) } : {}),
    capped: parts.flatMap((p) => p.capped),
    broadcasts: (parts[0]?.broadcasts ?? []).slice(0, Math.min(...parts.map((p) => p.broadcasts?.length ?? 0))).map(({ count }, i) => {
      const all = parts.map((p) => p.broadcasts?.[i]).filter((b) => b !== undefined);
      const got = all.filter((b) => b.delivered > 0);
      return {
        count,
        members: all.reduce((n, b) => n + b.members, 0),
        delivered: all.reduce((n, b) => n + b.delivered, 0),
        duplicated: all.reduce((n, b) => n + b.duplicated, 0),
        firstUs: got.length ? Math.min(...got.map((b) => b.firstUs)) : 0,
        lastUs: got.length ? Math.max(...got.map((b) => b.lastUs)) : 0,
      };
    }),
  }),

  figures: idleFigures,
  partialFigures: idleMeasuredFigures,

  // a count not reached, a connection that failed, a broadcast not delivered to every member once
  warnings({ result }) {
    const n = (v: number) => v.toLocaleString('en-US');
    const short = result.data.held.filter((h) => h.held < h.count);
    const rounds = (result.data.broadcasts ?? []).filter((b) => b.delivered !== b.members || b.duplicated > 0);
    return [
      ...short.map((h) => ({
        title: 'count not reached',
        value: `${n(h.held)} of ${n(h.count)}`,
        detail: `connections held${h.outOfTime ? ': opening ran out of its time and the point measured what it held' : ''}; ${n(h.failed)} failed to open (by cause in the table).`,
      })),
      ...rounds.map((b) => ({
        title: 'broadcast not delivered once to each',
        value: `${n(b.delivered)} of ${n(b.members)} (${n(b.duplicated)} twice)`,
        detail: `members got the broadcast at ${n(b.count)} held.`,
      })),
    ];
  },

  report: idleReport,
  gate: gated({ noisyLower: ['heap_per_conn_bytes', 'rss_per_conn_bytes'], exact: ['idle_bytes_per_min'] }),
  inCompareRuns: true,

  /** Schema 1 kept `held:<count>`, `failed:<count>` and `capped_from:<asked>`. */
  upgradeV1(old) {
    const values = old.values ?? {};
    const counted = (prefix: string) =>
      Object.entries(values)
        .filter(([k]) => k.startsWith(prefix))
        .map(([k, v]) => ({ n: Number(k.slice(prefix.length)), v }));
    return {
      held: counted('held:').map(({ n, v }) => ({ count: n, held: v, failed: values[`failed:${n}`] ?? 0 })),
      capped: counted('capped_from:').map(({ n, v }) => ({ asked: n, to: v })),
    };
  },
});
