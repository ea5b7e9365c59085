import type { Figure } from '../../results/figure.ts';
import type { MeasuredPoint } from '../scenario.ts';
import type { AutocannonFigures, OverheadData } from './result.ts';
import { EXTRAPOLATED_CLIENTS, type OverheadSizes } from './stage.ts';

/** autocannon's own figures (a transport that polls on a timer only), as the load process recorded them per count. */
const AUTOCANNON: readonly { metric: string; read: (a: AutocannonFigures) => number; unit: Figure['unit'] }[] = [
  { metric: 'autocannon_requests_per_s', read: (a) => a.requestsPerS, unit: 'msg/s' },
  { metric: 'autocannon_bytes_per_s', read: (a) => a.bytesPerS, unit: 'B/s' },
  { metric: 'autocannon_latency_p50_us', read: (a) => a.latencyP50Us, unit: 'us' },
  { metric: 'autocannon_errors', read: (a) => a.errors, unit: 'count' },
];

/**
 * Per count of clients: wire bytes a second each way, and the overhead, which is everything beyond the
 * payload the window carried (each broadcast once up, and once down per delivery). The largest measured
 * count is scaled to 100,000 clients in rows whose metric names say `extrapolated`.
 */
export function overheadFigures({ job, marks, result, sizes }: MeasuredPoint<OverheadSizes, OverheadData>): Figure[] {
  const { stages, skipped, openFilesLimit } = result.data;
  const out: Figure[] = [];
  let largest: { clients: number; wire: number; overhead: number } | undefined;
  for (const clients of sizes.clients) {
    const at = { connections: clients };
    if (skipped.includes(clients)) {
      out.push({ metric: 'skipped', value: 1, unit: 'count', ...at });
      continue;
    }
    const stage = stages.find((s) => s.clients === clients);
    const start = marks[`c${clients}-start`];
    const end = marks[`c${clients}-end`];
    if (!start || !end) continue;
    const seconds = (end.atUs - start.atUs) / 1e6;
    const broadcasts = stage?.broadcasts ?? 0;
    const delivered = stage?.delivered ?? 0;
    const up = (end.bytesRead - start.bytesRead) / seconds;
    const down = (end.bytesWritten - start.bytesWritten) / seconds;
    const payload = ((broadcasts + delivered) * job.payloadBytes) / seconds;
    const overhead = up + down - payload;
    out.push(
      { metric: 'wire_bytes_up_per_s', value: up, unit: 'B/s', ...at },
      { metric: 'wire_bytes_down_per_s', value: down, unit: 'B/s', ...at },
      { metric: 'overhead_bytes_per_s', value: overhead, unit: 'B/s', ...at },
      { metric: 'overhead_bytes_per_delivery', value: delivered > 0 ? (overhead * seconds) / delivered : NaN, unit: 'B', ...at },
      { metric: 'delivered', value: delivered, unit: 'count', ...at },
      { metric: 'expected_deliveries', value: broadcasts * clients, unit: 'count', ...at },
      { metric: 'sockets_per_client', value: start.connectionsOpen / clients, unit: 'ratio', ...at },
    );
    // each client's broadcasts counted as a numbered stream (runs of schema 1 counted arrivals only)
    const d = stage?.delivery;
    if (d) for (const metric of ['lost', 'duplicated', 'reordered'] as const) out.push({ metric, value: d[metric], unit: 'count', ...at });
    const cannon = stage?.autocannon;
    if (cannon) for (const { metric, read, unit } of AUTOCANNON) out.push({ metric, value: read(cannon), unit, ...at });
    largest = { clients, wire: up + down, overhead };
  }
  if (largest) {
    const scale = EXTRAPOLATED_CLIENTS / largest.clients;
    const at = { connections: EXTRAPOLATED_CLIENTS };
    out.push(
      { metric: 'wire_bytes_per_s_extrapolated', value: largest.wire * scale, unit: 'B/s', ...at },
      { metric: 'overhead_bytes_per_s_extrapolated', value: largest.overhead * scale, unit: 'B/s', ...at },
      { metric: 'extrapolated_from_connections', value: largest.clients, unit: 'count', ...at },
    );
  }
  if (openFilesLimit !== undefined) out.push({ metric: 'open_files_limit', value: openFilesLimit, unit: 'count' });
  return out;
}
