import type { Yardstick } from '../../protocol/control.ts';
import type { PointRecord, RunRecord } from './run-record.ts';
import { SCENARIOS } from '../scenarios/registry.ts';
import type { Figure } from '../scenarios/scenario.ts';
import { plainNumber } from '../report/format.ts';

/** Fixed by DESIGN.md: other tools read this header. */
export const CSV_HEADER = 'run_id,trial,client,transport,scenario,payload_bytes,connections,rate_per_s,metric,value,unit';

export interface SummaryRow extends Figure {
  runId: string;
  trial: number;
  client: string;
  transport: string;
  scenario: string;
  payloadBytes: number;
  connections: number;
  /** undefined for closed-loop rows */
  ratePerS?: number;
}

/** The figures of a point; a failed point is one `failed` row, so the CSV says it was tried. */
export function pointFigures(point: PointRecord): Figure[] {
  try {
    return figuresOf(point) ?? FAILED;
  } catch {
    // the CLI fails such a point with its reason as soon as it is measured (see checkFigures); a stored run
    // read by other code must not take the whole report down with it either
    return FAILED;
  }
}

const FAILED: Figure[] = [{ metric: 'failed', value: 1, unit: 'count' }];

function figuresOf(point: PointRecord): Figure[] | undefined {
  const scenario = SCENARIOS[point.scenario];
  if (point.status !== 'ok' || !point.result || !scenario) return undefined;
  const captures = point.captures ? { captures: point.captures } : {};
  const figures = scenario.figures({ job: point.job, result: point.result, marks: point.marks ?? {}, ...captures });
  // the machine's speed during the measured window (plain node:net ping-pong): what the regression gate divides by
  const y = yardstickP50(point.result.yardstick);
  if (y !== undefined) figures.push({ metric: YARDSTICK_METRIC, value: y, unit: 'us' });
  return figures;
}

export const YARDSTICK_METRIC = 'yardstick_rtt_p50';

/** The yardstick's p50: timed inside the window, or (runs of the first version) the mean of its brackets. */
function yardstickP50(y: Yardstick | undefined): number | undefined {
  if (y?.p50Us !== undefined) return y.p50Us;
  return y?.beforeP50Us !== undefined && y.afterP50Us !== undefined ? (y.beforeP50Us + y.afterP50Us) / 2 : undefined;
}

/**
 * A point whose figures cannot be derived is a failed point, with the reason: the measurement may have
 * worked, but nothing of it can be reported. Checked once per point, as it is measured.
 */
export function checkFigures(point: PointRecord): PointRecord {
  try {
    figuresOf(point);
    return point;
  } catch (error) {
    return { ...point, status: 'failed', error: `figures: ${(error as Error).message.split('\n')[0]}` };
  }
}

export function summaryRows(run: RunRecord): SummaryRow[] {
  return run.points.flatMap((point) =>
    pointFigures(point).map((figure) => {
      const ratePerS = figure.ratePerS ?? point.job.ratePerS;
      return {
        runId: run.runId,
        trial: point.trial,
        client: point.client,
        transport: point.transport,
        scenario: point.scenario,
        ...figure,
        payloadBytes: figure.payloadBytes ?? point.job.payloadBytes,
        connections: figure.connections ?? point.job.connections,
        ...(ratePerS === undefined ? {} : { ratePerS }),
      };
    }),
  );
}

export function toCsv(rows: readonly SummaryRow[]): string {
  const lines = rows.map((r) =>
    [
      r.runId,
      r.trial,
      r.client,
      r.transport,
      r.scenario,
      r.payloadBytes,
      r.connections,
      r.ratePerS === undefined ? '' : plainNumber(r.ratePerS),
      r.metric,
      plainNumber(r.value),
      r.unit,
    ].join(','),
  );
  return [CSV_HEADER, ...lines].join('\n') + '\n';
}
