import type { ServerStats } from '../../../protocol/control.ts';
import { FAILURE_CAUSES } from '../../load/connect-failure.ts';
import type { Figure } from '../../results/figure.ts';
import { healthFigures } from '../common-figures.ts';
import type { MeasuredPoint, PartialPoint } from '../scenario.ts';
import { linearFit } from './fit.ts';
import { calmMark, heldPoints, quietMark, windowMark } from './marks.ts';
import type { IdleData } from './scenario.ts';
import type { IdleSizes } from './sizes.ts';

/**
 * idle's figures: at each count what was held and failed (by cause), the server's memory summed over
 * its processes, memory per connection from the baseline to that count, one broadcast to every member;
 * over all counts the slope of memory per connection; at the smallest the idle bytes; and how the point
 * was spread (server processes, load processes, source addresses).
 */
export function idleFigures(point: MeasuredPoint<IdleSizes, IdleData>): Figure[] {
  return [...idleMeasuredFigures({ ...point, data: point.result.data }), ...healthFigures(point)];
}

/**
 * What a point measured at its marks, without the load's health over the whole window: all of a point
 * that ran to its end, or what one that failed part-way had reached (Scenario.partialFigures).
 */
export function idleMeasuredFigures(point: PartialPoint<IdleSizes, IdleData>): Figure[] {
  const { marks, data } = point;
  const heldAt = (count: number) => data.held.find((h) => h.count === count);
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
      // by cause only where they were counted (a run from before causes has none: not 0 of each)
      ...FAILURE_CAUSES.flatMap((cause): Figure[] => {
        const causes = heldAt(count)?.causes;
        return causes ? [{ metric: `connect_failed_${cause}`, value: causes[cause] ?? 0, unit: 'count', ...at }] : [];
      }),
    );
    // from the baseline to this count alone: the fit's slope is over every count, this shows whether it holds at each
    if (base && held > 0) {
      figures.push(
        { metric: 'heap_per_conn_at_bytes', value: (stats.heapUsedBytes - base.heapUsedBytes) / held, unit: 'B', ...at },
        { metric: 'rss_per_conn_at_bytes', value: (stats.rssBytes - base.rssBytes) / held, unit: 'B', ...at },
      );
    }
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
  figures.push(...clientFigures(data), ...idleBytes(point), ...idleBytesAtEachCount(point));
  for (const { asked, to } of data.capped) figures.push({ metric: 'idle_capped_to', value: to, unit: 'count', connections: asked });
  figures.push(...broadcastFigures(data), ...spreadFigures(point));
  return figures;
}

/** One broadcast to every member at each count: who got it (once), and how long the first and the last took. */
function broadcastFigures(data: IdleData): Figure[] {
  return (data.broadcasts ?? []).flatMap(({ count, members, delivered, duplicated, firstUs, lastUs }) => {
    const at = { connections: count };
    const timed: Figure[] = delivered > 0 ? [{ metric: 'broadcast_first_us', value: firstUs, unit: 'us', ...at }, { metric: 'broadcast_last_us', value: lastUs, unit: 'us', ...at }] : [];
    return [
      { metric: 'broadcast_members', value: members, unit: 'count', ...at },
      { metric: 'broadcast_delivered', value: delivered, unit: 'count', ...at },
      { metric: 'broadcast_duplicated', value: duplicated, unit: 'count', ...at },
      ...timed,
    ];
  });
}

/** How the point was spread: what a reader needs to size a box. */
function spreadFigures({ job, data }: PartialPoint<IdleSizes, IdleData>): Figure[] {
  const largest = data.held[data.held.length - 1]?.count;
  if (largest === undefined) return [];
  const at = { connections: largest };
  return [
    { metric: 'server_processes', value: job.serverWorkers ?? 1, unit: 'count', ...at },
    { metric: 'load_processes', value: job.workers, unit: 'count', ...at },
    { metric: 'source_addresses', value: job.sources?.addresses.length ?? 1, unit: 'count', ...at },
  ];
}

/** Bytes per idle connection per minute over the quiet window, and the window itself. */
function idleBytes({ marks, data }: PartialPoint<IdleSizes, IdleData>): Figure[] {
  // the count the window was held at: the largest (since the window came last; with windows at every
  // count, the largest of them), the smallest in older runs (their only one)
  const watched = heldPoints(marks).findLast((p) => marks[quietMark(p.count)] !== undefined);
  const quiet = watched && marks[quietMark(watched.count)];
  const from = watched && (marks[calmMark(watched.count)] ?? watched.stats);
  const held = watched ? (data.held.find((h) => h.count === watched.count)?.held ?? 0) : 0;
  if (!watched || !quiet || !from || held === 0) return [];
  const seconds = (quiet.atUs - from.atUs) / 1e6;
  if (seconds <= 0) return [];
  const perMin = (bytes: number) => (bytes / held / seconds) * 60;
  const up = perMin(quiet.bytesRead - from.bytesRead);
  const down = perMin(quiet.bytesWritten - from.bytesWritten);
  const at = { connections: watched.count };
  return [
    { metric: 'idle_bytes_per_min', value: up + down, unit: 'B', ...at },
    { metric: 'idle_bytes_up_per_min', value: up, unit: 'B', ...at },
    { metric: 'idle_bytes_down_per_min', value: down, unit: 'B', ...at },
    // what the window could see: a heartbeat slower than this shows as nothing
    { metric: 'idle_window_us', value: quiet.atUs - from.atUs, unit: 'us', ...at },
  ];
}

/**
 * The client side's memory: the load processes' heap and RSS after a GC at each count, summed, per
 * connection from none to each count, and the slope over all counts, as for the server. The load
 * processes hold the suite's own bookkeeping too (histograms, counters), which the baseline takes out.
 */
function clientFigures(data: IdleData): Figure[] {
  const base = data.clientBase;
  const readings = data.held.filter((h) => h.client !== undefined);
  if (!base || readings.length === 0) return [];
  const figures: Figure[] = [];
  const memory = [{ held: 0, ...base }];
  for (const h of readings) {
    const client = h.client ?? base;
    const at = { connections: h.count };
    memory.push({ held: h.held, ...client });
    figures.push({ metric: 'client_heap_bytes', value: client.heapBytes, unit: 'B', ...at }, { metric: 'client_rss_bytes', value: client.rssBytes, unit: 'B', ...at });
    if (h.held > 0) {
      figures.push(
        { metric: 'client_heap_per_conn_at_bytes', value: (client.heapBytes - base.heapBytes) / h.held, unit: 'B', ...at },
        { metric: 'client_rss_per_conn_at_bytes', value: (client.rssBytes - base.rssBytes) / h.held, unit: 'B', ...at },
      );
    }
  }
  const largest = readings[readings.length - 1]?.count;
  const heap = linearFit(memory.map((m) => ({ x: m.held, y: m.heapBytes })))?.slope;
  const rss = linearFit(memory.map((m) => ({ x: m.held, y: m.rssBytes })))?.slope;
  const rising = memory.every((m, i) => i === 0 || m.rssBytes >= (memory[i - 1]?.rssBytes ?? 0));
  if (largest !== undefined && heap !== undefined) figures.push({ metric: 'client_heap_per_conn_bytes', value: heap, unit: 'B', connections: largest });
  if (largest !== undefined && rss !== undefined && rising) figures.push({ metric: 'client_rss_per_conn_bytes', value: rss, unit: 'B', connections: largest });
  return figures;
}

/**
 * Idle bytes per connection-minute at every count that had a quiet window (IdleSizes.windowEveryCount:
 * `window:<count>` to `quiet:<count>`; the largest from its `calm:` mark), as idle_bytes_per_min_at.
 */
function idleBytesAtEachCount({ marks, data }: PartialPoint<IdleSizes, IdleData>): Figure[] {
  return heldPoints(marks).flatMap(({ count }): Figure[] => {
    const from = marks[windowMark(count)] ?? marks[calmMark(count)];
    const quiet = marks[quietMark(count)];
    const held = data.held.find((h) => h.count === count)?.held ?? 0;
    if (!from || !quiet || held === 0 || quiet.atUs <= from.atUs) return [];
    const bytes = quiet.bytesRead - from.bytesRead + quiet.bytesWritten - from.bytesWritten;
    return [{ metric: 'idle_bytes_per_min_at', value: (bytes / held / ((quiet.atUs - from.atUs) / 1e6)) * 60, unit: 'B', connections: count }];
  });
}
