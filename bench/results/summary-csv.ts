import { plainNumber } from '../report/format.ts';
import type { Figure } from './figure.ts';
import type { PointRecord, RunRecord } from './run-record.ts';
import { runtimeOf } from './point-runtime.ts';

/**
 * Fixed by DESIGN.md: other tools read this header. Schema 2 appended `runtime` (the last column, so
 * that readers selecting columns by position up to `unit` keep working; README "Migration").
 */
export const CSV_HEADER = 'run_id,trial,client,transport,scenario,payload_bytes,connections,rate_per_s,metric,value,unit,runtime';
/** The header before runtimes (schema 1 of the CSV): still read (bench/compare/read-figures.ts). */
export const CSV_HEADER_V1 = 'run_id,trial,client,transport,scenario,payload_bytes,connections,rate_per_s,metric,value,unit';

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
  /** what its server and load processes ran on, e.g. node24 (bench/runtimes); summaryRows always sets it */
  runtime?: string;
}

const FAILED: readonly Figure[] = [{ metric: 'failed', value: 1, unit: 'count' }];

/**
 * The figures of a point as stored when it was measured; a failed point is one `failed` row, so the CSV
 * says it was tried, and the figures of what it measured before it failed (FailedPointRecord.figures).
 */
export function pointFigures(point: PointRecord): readonly Figure[] {
  return point.status === 'ok' ? point.figures : [...FAILED, ...(point.figures ?? [])];
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
        runtime: runtimeOf(point, run),
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
      r.runtime ?? '',
    ].join(','),
  );
  return [CSV_HEADER, ...lines].join('\n') + '\n';
}
