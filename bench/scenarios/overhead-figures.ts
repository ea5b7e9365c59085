import { EXTRAPOLATED_CLIENTS, clientCountsOf } from './overhead-stage.ts';
import type { Figure, MeasuredPoint } from './scenario.ts';

/** autocannon's own figures (polling only), as the load process recorded them per count. */
const AUTOCANNON: readonly { key: string; unit: Figure['unit'] }[] = [
  { key: 'autocannon_requests_per_s', unit: 'msg/s' },
  { key: 'autocannon_bytes_per_s', unit: 'B/s' },
  { key: 'autocannon_latency_p50_us', unit: 'us' },
  { key: 'autocannon_errors', unit: 'count' },
];

/**
 * Per count of clients: wire bytes a second each way, and the overhead, which is everything beyond the
 * payload the window carried (each broadcast once up, and once down per delivery). The largest measured
 * count is scaled to 100,000 clients in rows whose metric names say `extrapolated`.
 */
export function overheadFigures({ job, marks, result }: MeasuredPoint): Figure[] {
  const values = result.values ?? {};
  const out: Figure[] = [];
  let largest: { clients: number; wire: number; overhead: number } | undefined;
  for (const clients of clientCountsOf(job.profile)) {
    const at = { connections: clients };
    if (values[`skipped_${clients}`]) {
      out.push({ metric: 'skipped', value: 1, unit: 'count', ...at });
      continue;
    }
    const start = marks[`c${clients}-start`];
    const end = marks[`c${clients}-end`];
    if (!start || !end) continue;
    const seconds = (end.atUs - start.atUs) / 1e6;
    const broadcasts = values[`broadcasts_${clients}`] ?? 0;
    const delivered = values[`delivered_${clients}`] ?? 0;
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
    for (const { key, unit } of AUTOCANNON) {
      const value = values[`${key}_${clients}`];
      if (value !== undefined) out.push({ metric: key, value, unit, ...at });
    }
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
  if (values['open_files_limit'] !== undefined) out.push({ metric: 'open_files_limit', value: values['open_files_limit'], unit: 'count' });
  return out;
}
