import type { Delivery } from '../../protocol/control.ts';
import { judgeHealth } from '../load/health.ts';
import { decodeHistogram, summarize } from '../stats/histogram.ts';
import type { Figure } from '../results/figure.ts';
import type { MeasuredPoint } from './scenario.ts';
import { waitShares } from '../load/machine-busy.ts';

/**
 * Server-side figures from the stats read at the `start` and `end` marks: bytes that crossed the
 * server's sockets in each direction and its CPU time, per message sent; its event loop; its memory.
 */
export function serverFigures({ marks, result }: MeasuredPoint): Figure[] {
  const start = marks['start'];
  const end = marks['end'];
  const sent = result.delivery?.sent ?? 0;
  if (sent === 0) return [];
  // a server the user wrote: its bytes as its client counted them, and no server cost to read
  if ((!start || !end) && result.clientBytes) {
    return [
      { metric: 'bytes_up_per_msg', value: result.clientBytes.up / sent, unit: 'B' },
      { metric: 'bytes_down_per_msg', value: result.clientBytes.down / sent, unit: 'B' },
    ];
  }
  if (!start || !end) return [];
  const cpuUs = end.cpuUserUs + end.cpuSystemUs - (start.cpuUserUs + start.cpuSystemUs);
  const active = end.loopActiveMs - start.loopActiveMs;
  const idle = end.loopIdleMs - start.loopIdleMs;
  return [
    { metric: 'bytes_up_per_msg', value: (end.bytesRead - start.bytesRead) / sent, unit: 'B' },
    { metric: 'bytes_down_per_msg', value: (end.bytesWritten - start.bytesWritten) / sent, unit: 'B' },
    { metric: 'server_cpu_us_per_msg', value: cpuUs / sent, unit: 'us' },
    // a runtime whose performance.eventLoopUtilization reports no time at all (Bun 1.4) has no utilisation to give
    ...(active + idle > 0 ? [{ metric: 'server_elu_pct', value: (active / (active + idle)) * 100, unit: 'pct' as const }] : []),
    { metric: 'server_loop_delay_p99', value: end.loopDelayP99Us, unit: 'us' },
    { metric: 'server_rss_bytes', value: end.rssBytes, unit: 'B' },
    { metric: 'server_heap_bytes', value: end.heapUsedBytes, unit: 'B' },
  ];
}

/** The load generator's own effort, and whether it (not the server) was the limit: 1 = flagged. */
export function healthFigures({ job, result, marks }: MeasuredPoint): Figure[] {
  const verdict = judgeHealth(job, result);
  const waits = waitShares(result.health, marks);
  return [
    { metric: 'load_cpu_pct', value: verdict.cpuShare * 100, unit: 'pct' },
    { metric: 'load_loop_delay_p99', value: result.health.loopDelayP99Us, unit: 'us' },
    { metric: 'load_saturated', value: verdict.saturated ? 1 : 0, unit: 'count' },
    // how long each process waited for a core over the window: the machine's share of the timings
    ...(waits.load === undefined ? [] : [{ metric: 'load_wait_pct', value: waits.load * 100, unit: 'pct' as const }]),
    ...(waits.server === undefined ? [] : [{ metric: 'server_wait_pct', value: waits.server * 100, unit: 'pct' as const }]),
    // and the CPU other processes than the point's used meanwhile, as a share of one core
    ...(result.health.foreignCpuUs === undefined || result.health.elapsedUs <= 0
      ? []
      : [{ metric: 'foreign_cpu_pct', value: (result.health.foreignCpuUs / result.health.elapsedUs) * 100, unit: 'pct' as const }]),
  ];
}

/** The counts of every message the scenario moved; none for a scenario that moves no messages. */
export function deliveryFigures(d: Delivery | undefined): Figure[] {
  if (!d) return [];
  return [
    { metric: 'sent', value: d.sent, unit: 'count' },
    { metric: 'delivered', value: d.delivered, unit: 'count' },
    { metric: 'lost', value: d.lost, unit: 'count' },
    { metric: 'duplicated', value: d.duplicated, unit: 'count' },
    { metric: 'reordered', value: d.reordered, unit: 'count' },
  ];
}

/** p50, p99, p99.9, max and mean of an encoded latency histogram, as `<prefix>_p50` etc. */
export function latencyFigures(encoded: string | undefined, prefix: string, extra: Partial<Figure> = {}): Figure[] {
  if (encoded === undefined) return [];
  const s = summarize(decodeHistogram(encoded));
  if (s.count === 0) return [];
  return [
    { metric: `${prefix}_p50`, value: s.p50, unit: 'us', ...extra },
    { metric: `${prefix}_p99`, value: s.p99, unit: 'us', ...extra },
    { metric: `${prefix}_p999`, value: s.p999, unit: 'us', ...extra },
    { metric: `${prefix}_max`, value: s.max, unit: 'us', ...extra },
    { metric: `${prefix}_mean`, value: s.mean, unit: 'us', ...extra },
  ];
}
