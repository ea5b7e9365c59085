/** Cells of the browser section's tables (each scenario draws its own, see ScenarioReport.browserTable). */
import { FigureTable } from './figure-table.ts';
import { readable } from './format.ts';
import type { SummaryRow } from '../results/summary-csv.ts';
import { findTransport } from '../../transports/registry.ts';

type Side = 'node' | 'browser';

/** Whether a browser has a client for the transport (its descriptor names a page connector). */
export const hasBrowserClient = (transport: string): boolean => findTransport(transport)?.browser !== undefined;

/** The two clients' tables over the same rows of one scenario (and one payload or room size, when given). */
export function sides(rows: readonly SummaryRow[], scenario: string, keep: (r: SummaryRow) => boolean = () => true) {
  const of = (client: Side) => new FigureTable(rows.filter((r) => r.client === client && keep(r)), scenario);
  return { node: of('node'), browser: of('browser') };
}

export const signed = (v: number | undefined) => (v === undefined ? '–' : `${v >= 0 ? '+' : ''}${readable(v)}`);
export const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? '–' : `${(a / b).toFixed(2)}×`);
/** Chromium's CPU over the window (all its processes), as a share of the one core it had; ⚠ where saturated. */
export const cpu = (b: (metric: string) => number | undefined) => {
  const pct = b('load_cpu_pct');
  return pct === undefined ? '–' : `${readable(pct)}%${(b('load_saturated') ?? 0) > 0 ? ' ⚠' : ''}`;
};
export const minus = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : a - b);

/** Transports in the run, in the suite's order; `tcp` stays in the table, to say why it has no browser row. */
export function transportsOf(rows: readonly SummaryRow[], scenario: string): string[] {
  return [...new Set(rows.filter((r) => r.scenario === scenario).map((r) => r.transport))];
}

export const notApplicable = (transport: string, columns: number) =>
  `| ${transport} | ${Array.from({ length: columns }, () => '–').join(' | ')} | a browser cannot open a raw TCP socket |`;

