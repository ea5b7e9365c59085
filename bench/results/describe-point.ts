import type { Yardstick } from '../../protocol/control.ts';
import { errorRecord, WirebenchError } from '../errors.ts';
import { scenarioNamed } from '../scenarios/registry.ts';
import type { Figure } from './figure.ts';
import type { MeasuredPointRecord, PointRecord } from './run-record.ts';
import type { PointWarning } from '../scenarios/scenario.ts';
import { findTransport } from '../../transports/registry.ts';
import { findRuntime } from '../runtimes/catalog.ts';

/** The machine's speed during the measured window (plain node:net ping-pong): what the regression gate divides by. */
export const YARDSTICK_METRIC = 'yardstick_rtt_p50';

/** The yardstick's p50: timed inside the window, or (runs of its first version) the mean of its brackets. */
function yardstickP50(y: Yardstick | undefined): number | undefined {
  if (y?.p50Us !== undefined) return y.p50Us;
  return y?.beforeP50Us !== undefined && y.afterP50Us !== undefined ? (y.beforeP50Us + y.afterP50Us) / 2 : undefined;
}

/** Figures read from the server's socket counters (wire bytes), as against memory or payload counted elsewhere. */
const WIRE_BYTES = /^(bytes_|handshake_bytes|idle_bytes|wire_bytes|overhead_bytes|part_)/;

/** Why the point's server could not count its bytes on its runtime (the descriptor's bytesUncountedOn), if so. */
function uncountedBytes(point: UndescribedPoint): string | undefined {
  const runtime = point.runtime === undefined ? undefined : findRuntime(point.runtime);
  return runtime && findTransport(point.transport)?.bytesUncountedOn?.(runtime);
}

/** Without the wire-byte figures a runtime kept from the counters: a figure left out, not a wrong one reported. */
function withoutUncounted(point: UndescribedPoint, figures: Figure[], warnings: PointWarning[]): { figures: Figure[]; warnings: PointWarning[] } {
  const reason = uncountedBytes(point);
  if (!reason) return { figures, warnings };
  const warning = { title: 'wire bytes not counted', value: '', detail: `on ${point.runtime ?? ''}: ${reason}; this point's byte figures are left out` };
  return { figures: figures.filter((f) => !WIRE_BYTES.test(f.metric)), warnings: [...warnings, warning] };
}

export type UndescribedPoint = Omit<MeasuredPointRecord, 'figures' | 'warnings'>;

/**
 * A measured point with its figures and warnings, derived once, here, by its scenario: summary.csv and
 * the report read what is stored. A point whose figures cannot be derived is a failed point, with the
 * reason: the measurement may have worked, but nothing of it can be reported.
 */
export function describePoint(point: UndescribedPoint): PointRecord {
  try {
    const scenario = scenarioNamed(point.scenario);
    const measured = { job: point.job, sizes: point.job.sizes, result: point.result, marks: point.marks, ...(point.captures ? { captures: point.captures } : {}) };
    const figures: Figure[] = scenario.figures(measured);
    const y = yardstickP50(point.result.yardstick);
    if (y !== undefined) figures.push({ metric: YARDSTICK_METRIC, value: y, unit: 'us' });
    return { ...point, ...withoutUncounted(point, figures, scenario.warnings?.(measured) ?? []) };
  } catch (error) {
    const record = errorRecord(error, 'WB_FIGURES');
    const { result: _result, marks: _marks, captures: _captures, ...base } = point;
    return { ...base, status: 'failed', error: { ...record, message: `figures: ${record.message}` } };
  }
}

/** The same, for a point that must have been measured (a test, a merge of hosts that all measured it). */
export function describedOrThrow(point: UndescribedPoint): MeasuredPointRecord {
  const described = describePoint(point);
  if (described.status === 'failed') throw new WirebenchError('WB_FIGURES', described.error.message);
  return described;
}
