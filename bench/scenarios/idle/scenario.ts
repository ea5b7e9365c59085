import type { ServerStats } from '../../../protocol/control.ts';
import { gated } from '../../compare/metric-rule.ts';
import { openFilesLimit } from '../../load/open-files.ts';
import { myShare } from '../../load/shares.ts';
import { sleep } from '../../load/sleep.ts';
import type { Figure } from '../../results/figure.ts';
import { healthFigures } from '../common-figures.ts';
import { defineScenario, type MeasuredPoint } from '../scenario.ts';
import { linearFit } from './fit.ts';
import { findTransport } from '../../../transports/registry.ts';
import { IdlePool, capCounts } from './hold.ts';
import { idleReport } from './report.ts';
import { IDLE_SIZES, quietWindowS, type IdleSizes } from './sizes.ts';

/** What was held at each count (the counts this machine's open-files limit allowed), and any cap. */
export interface IdleData {
  held: { count: number; held: number; failed: number }[];
  /** counts asked for above what the server could hold, and the count they were lowered to */
  capped: { asked: number; to: number }[];
}

/** After a count is reached: time for handshakes and first polls to finish before memory is read. */
const SETTLE_MS = 500;
/** Sockets one load process may hold: well under the 20,000 open files, two per HTTP connection. */
const CLIENT_SOCKETS_PER_PROCESS = 8_000;
/** the most sockets any transport's connection takes (see TransportDescriptor), for sizing the load processes */
const MAX_SOCKETS_PER_CONNECTION = 2;
const heldMark = (count: number) => `held:${count}`;
const quietMark = (count: number) => `quiet:${count}`;

/** The marks `held:<count>` as (count, stats), in count order. */
function heldPoints(marks: Record<string, ServerStats>): { count: number; stats: ServerStats }[] {
  return Object.entries(marks)
    .filter(([name]) => name.startsWith('held:'))
    .map(([name, stats]) => ({ count: Number(name.slice('held:'.length)), stats }))
    .sort((a, b) => a.count - b.count);
}

/**
 * `idle`: hold connections that say nothing, at several counts one after another, and read the server's
 * heap and RSS after a forced GC at each (and at none): the slope of a line through them is what one
 * more idle connection costs. At the smallest count the connections then sit quiet for windowS seconds
 * and the server's socket counters give the bytes an idle connection moves (heartbeats, keep-alives,
 * polls), scaled to a minute: a heartbeat slower than the window is not seen, and the report says so.
 */
export const idle = defineScenario<IdleSizes, IdleData>({
  name: 'idle',
  description: 'idle connections held at several counts: server heap and RSS per connection after GC, idle bytes per minute',
  sizes: IDLE_SIZES,
  withConnections: (sizes, connections) => ({ ...sizes, counts: [connections] }),

  // most of its time goes to holding thousands of connections, and its slope and bytes move little
  // between trials: one trial keeps the default run within minutes
  maxTrials: 1,
  // idle connections cost no CPU: every transport's points wait out their windows side by side
  concurrent: true,
  pointTimeoutMs: (sizes, config) => 60_000 + 1000 * Math.max(...config.transports.map((t) => quietWindowS(sizes, findTransport(t)?.heartbeat?.seconds))),

  workers: (config, sizes) => {
    const most = Math.max(...sizes.counts);
    return Math.max(config.workers, Math.ceil((most * MAX_SOCKETS_PER_CONNECTION) / CLIENT_SOCKETS_PER_PROCESS));
  },

  async load(ctx) {
    const { job } = ctx;
    const { counts: asked } = ctx.sizes;
    const windowS = quietWindowS(ctx.sizes, ctx.transport.heartbeat?.seconds);
    const counts = capCounts(asked, ctx.transport.socketsPerConnection, openFilesLimit());
    // the caps are the same in every worker; one reports them
    const capped = job.worker === 0 ? asked.filter((c) => !counts.includes(c)).map((c) => ({ asked: c, to: Math.max(...counts) })) : [];
    const held: IdleData['held'] = [];
    const pool = new IdlePool(ctx, ctx.sizes.used);
    try {
      await ctx.mark('start', { gc: true }); // no connections: the baseline of the fit
      for (const count of counts) {
        await pool.growTo(myShare(count, job));
        await sleep(SETTLE_MS);
        held.push({ count, held: pool.open.length, failed: pool.failed });
        await ctx.mark(heldMark(count), { gc: true });
        if (count === counts[0]) {
          await sleep(windowS * 1000);
          await ctx.mark(quietMark(count));
        }
      }
      await ctx.mark('end');
    } finally {
      await pool.close();
    }
    const most = counts[counts.length - 1] ?? 0;
    const atMost = held.find((h) => h.count === most)?.held ?? 0;
    return { data: { held, capped }, delivery: { sent: myShare(most, job), delivered: atMost, lost: myShare(most, job) - atMost, duplicated: 0, reordered: 0 } };
  },

  merge: (parts) => ({
    held: (parts[0]?.held ?? []).map(({ count }, i) => ({
      count,
      held: parts.reduce((n, p) => n + (p.held[i]?.held ?? 0), 0),
      failed: parts.reduce((n, p) => n + (p.held[i]?.failed ?? 0), 0),
    })),
    capped: parts.flatMap((p) => p.capped),
  }),

  figures(point) {
    const { marks, result } = point;
    const heldAt = (count: number) => result.data.held.find((h) => h.count === count);
    const base = marks['start'];
    const points = heldPoints(marks);
    const figures: Figure[] = [];
    const memory = base ? [{ count: 0, held: 0, stats: base }] : [];
    for (const { count, stats } of points) {
      const held = heldAt(count)?.held ?? 0;
      const at = { connections: count };
      memory.push({ count, held, stats });
      figures.push(
        { metric: 'connections_held', value: held, unit: 'count', ...at },
        { metric: 'connect_failed', value: heldAt(count)?.failed ?? 0, unit: 'count', ...at },
        { metric: 'server_heap_bytes', value: stats.heapUsedBytes, unit: 'B', ...at },
        { metric: 'server_rss_bytes', value: stats.rssBytes, unit: 'B', ...at },
        // the server's open sockets, against its open-files limit
        { metric: 'server_sockets', value: stats.connectionsOpen, unit: 'count', ...at },
      );
    }
    if (base) figures.push({ metric: 'server_heap_bytes', value: base.heapUsedBytes, unit: 'B', connections: 0 }, { metric: 'server_rss_bytes', value: base.rssBytes, unit: 'B', connections: 0 });
    const largest = points[points.length - 1]?.count;
    const perConn = (read: (s: ServerStats) => number) => linearFit(memory.map((m) => ({ x: m.held, y: read(m.stats) })))?.slope;
    const heap = perConn((s) => s.heapUsedBytes);
    const rss = perConn((s) => s.rssBytes);
    if (heap !== undefined && largest !== undefined) figures.push({ metric: 'heap_per_conn_bytes', value: heap, unit: 'B', connections: largest });
    if (rss !== undefined && largest !== undefined) {
      // RSS moves in the allocator's chunks and falls when a GC hands pages back: where it fell while
      // connections were added (ws at 0, 100, 400 here: 71.7, 73.0, 69.3 MB), the slope would be that
      // noise, negative even, and is not given; the report says it can't tell at these counts
      const rising = memory.every((m, i) => i === 0 || m.stats.rssBytes >= (memory[i - 1]?.stats.rssBytes ?? 0));
      if (rising) figures.push({ metric: 'rss_per_conn_bytes', value: rss, unit: 'B', connections: largest });
      else figures.push({ metric: 'rss_per_conn_unresolved', value: 1, unit: 'count', connections: largest });
    }
    figures.push(...idleBytes(point));
    for (const { asked, to } of result.data.capped) figures.push({ metric: 'idle_capped_to', value: to, unit: 'count', connections: asked });
    return [...figures, ...healthFigures(point)];
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

/** Bytes per idle connection per minute over the quiet window, and the window itself. */
function idleBytes({ marks, result }: MeasuredPoint<IdleSizes, IdleData>): Figure[] {
  const first = heldPoints(marks)[0];
  const quiet = first && marks[quietMark(first.count)];
  const held = first ? (result.data.held.find((h) => h.count === first.count)?.held ?? 0) : 0;
  if (!first || !quiet || held === 0) return [];
  const seconds = (quiet.atUs - first.stats.atUs) / 1e6;
  if (seconds <= 0) return [];
  const perMin = (bytes: number) => (bytes / held / seconds) * 60;
  const up = perMin(quiet.bytesRead - first.stats.bytesRead);
  const down = perMin(quiet.bytesWritten - first.stats.bytesWritten);
  const at = { connections: first.count };
  return [
    { metric: 'idle_bytes_per_min', value: up + down, unit: 'B', ...at },
    { metric: 'idle_bytes_up_per_min', value: up, unit: 'B', ...at },
    { metric: 'idle_bytes_down_per_min', value: down, unit: 'B', ...at },
    // what the window could see: a heartbeat slower than this shows as nothing
    { metric: 'idle_window_us', value: quiet.atUs - first.stats.atUs, unit: 'us', ...at },
  ];
}
