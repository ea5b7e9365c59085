import type { MeasuredPointRecord, PointRecord } from '../../bench/results/run-record.ts';

/** The point as measured, or a thrown error naming why it failed: tests read measured points' results. */
export function measured(point: PointRecord | undefined): MeasuredPointRecord {
  if (!point) throw new Error('no such point');
  if (point.status === 'failed') throw new Error(`point failed: ${point.error.message}`);
  return point;
}
