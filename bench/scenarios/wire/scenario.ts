import { gated } from '../../compare/metric-rule.ts';
import type { Figure } from '../../results/figure.ts';
import { deliveryFigures } from '../common-figures.ts';
import { defineScenario, type MeasuredPoint } from '../scenario.ts';
import { breakdownFigures } from './breakdown-figures.ts';
import { loadWire } from './load.ts';
import { wireReport } from './report.ts';
import { mergeWire, wireFromV1, type WireData } from './result.ts';
import { WIRE_SIZES, WIRE_WINDOWS, type WireSizes } from './sizes.ts';

/** Handshake bytes, bytes per message at each size, their overhead ratio, idle bytes and the breakdown. */
export function wireFigures(point: MeasuredPoint<WireSizes, WireData>): Figure[] {
  const { marks, job, result } = point;
  // every load process holds one connection: bytes are per connection
  const conns = job.workers;
  const delta = (name: string) => {
    const a = marks[`${name}-start`];
    const b = marks[`${name}-end`];
    return a && b ? { up: (b.bytesRead - a.bytesRead) / conns, down: (b.bytesWritten - a.bytesWritten) / conns } : undefined;
  };
  const out: Figure[] = [];
  const handshake = delta('handshake');
  if (handshake) {
    out.push({ metric: 'handshake_bytes_up', value: handshake.up, unit: 'B' });
    out.push({ metric: 'handshake_bytes_down', value: handshake.down, unit: 'B' });
  }
  const perSize = result.data.messagesPerSize;
  for (const size of WIRE_SIZES) {
    const d = delta(`size-${size}`);
    if (!d || perSize <= 0) continue;
    const up = d.up / perSize;
    const down = d.down / perSize;
    out.push({ metric: 'bytes_up_per_msg', value: up, unit: 'B', payloadBytes: size });
    out.push({ metric: 'bytes_down_per_msg', value: down, unit: 'B', payloadBytes: size });
    // an echo carries the payload twice, once each way
    out.push({ metric: 'overhead_ratio', value: (up + down) / (2 * size), unit: 'ratio', payloadBytes: size });
  }
  // the idle window as the marks measured it, not as configured: a sleep overruns, and the bytes of
  // the overrun are in the count
  const idle = delta('idle');
  const idleUs = (marks['idle-end']?.atUs ?? 0) - (marks['idle-start']?.atUs ?? 0);
  if (idle && idleUs > 0) {
    out.push({ metric: 'idle_bytes_per_min', value: ((idle.up + idle.down) / idleUs) * 60e6, unit: 'B' });
    out.push({ metric: 'idle_window_us', value: idleUs, unit: 'us' });
  }
  return [...out, ...breakdownFigures(point), ...deliveryFigures(result.delivery)];
}

export const wire = defineScenario<WireSizes, WireData>({
  name: 'wire',
  description:
    'bytes on the wire: handshake, per message up and down over a payload sweep (16 B to 64 KiB), idle ' +
    'heartbeats per minute, and one exchange broken down by part from the captured bytes',
  sizes: WIRE_WINDOWS,
  load: loadWire,
  merge: mergeWire,
  figures: wireFigures,
  report: wireReport,
  gate: gated({ exact: ['bytes_up_per_msg', 'bytes_down_per_msg', 'handshake_bytes_up', 'handshake_bytes_down', 'idle_bytes_per_min'] }),
  browser: async () => (await import('./browser.ts')).browserWire,
  upgradeV1: wireFromV1,
  maxTrials: 1,
  // the overhead table beside the 2010 original belongs to the wire story
  brings: ['overhead'],
});
