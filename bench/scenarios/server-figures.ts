import type { Delivery, ServerStats } from '../../protocol/control.ts';
import type { Figure } from './scenario.ts';

/**
 * Per-message server-side figures from the stats read at the `start` and `end` marks: bytes that
 * crossed the server's sockets in each direction, and the server's CPU time.
 */
export function serverFigures(marks: Record<string, ServerStats>, delivery: Delivery): Figure[] {
  const start = marks['start'];
  const end = marks['end'];
  if (!start || !end || delivery.sent === 0) return [];
  const cpuUs = end.cpuUserUs + end.cpuSystemUs - (start.cpuUserUs + start.cpuSystemUs);
  return [
    { metric: 'bytes_up_per_msg', value: (end.bytesRead - start.bytesRead) / delivery.sent, unit: 'B' },
    { metric: 'bytes_down_per_msg', value: (end.bytesWritten - start.bytesWritten) / delivery.sent, unit: 'B' },
    { metric: 'server_cpu_us_per_msg', value: cpuUs / delivery.sent, unit: 'us' },
  ];
}
