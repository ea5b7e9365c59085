import { median } from './format.ts';
import type { SummaryRow } from '../results/summary-csv.ts';

/** A scenario's rows, read by transport, metric and the row's own payload size or connections. */
export class RowLookup {
  readonly transports: string[] = [];

  constructor(private readonly rows: readonly SummaryRow[]) {
    for (const r of rows) if (!this.transports.includes(r.transport)) this.transports.push(r.transport);
  }

  /** Median across trials of one metric, optionally at one payload size or connection count. */
  get(transport: string, metric: string, at: { payloadBytes?: number; connections?: number } = {}): number | undefined {
    const values = this.rows
      .filter(
        (r) =>
          r.transport === transport &&
          r.metric === metric &&
          (at.payloadBytes === undefined || r.payloadBytes === at.payloadBytes) &&
          (at.connections === undefined || r.connections === at.connections),
      )
      .map((r) => r.value);
    return median(values);
  }

  /** Every row of one metric. */
  rowsOf(metric: string): readonly SummaryRow[] {
    return this.rows.filter((r) => r.metric === metric);
  }

  has(metric: string): boolean {
    return this.rows.some((r) => r.metric === metric);
  }

  metrics(prefix: string): string[] {
    return [...new Set(this.rows.filter((r) => r.metric.startsWith(prefix)).map((r) => r.metric))];
  }
}

export const scenarioRows = (rows: readonly SummaryRow[], scenario: string) => rows.filter((r) => r.scenario === scenario);
