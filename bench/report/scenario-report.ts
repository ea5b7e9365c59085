import type { RunRecord } from '../results/run-record.ts';
import type { SummaryRow } from '../results/summary-csv.ts';
import type { Chart } from './charts/chart.ts';

/** What a scenario's part of the report is drawn from. */
export interface ReportContext<Sizes = unknown> {
  run: RunRecord;
  /** every row of the run measured with the Node client: the sections compare transports under it */
  rows: readonly SummaryRow[];
  /** every row, the browser client's too */
  allRows: readonly SummaryRow[];
  /** the scenario's sizes in this run */
  sizes: Sizes;
}

/** One figure of a scenario by which a variant is set against its base (bench/report/sections/variants.ts). */
export interface VariantFigure {
  metric: string;
  /** what it is, with its unit, e.g. `bytes up per message, B` */
  label: string;
  /** a figure where more is better (a capacity): its ratio reads the other way, and the table says so */
  higherIsBetter?: boolean;
  /** one line per connection count its rows have (a capacity at 1 and at 100 connections), not one median over them */
  byConnections?: boolean;
}

/**
 * A scenario's part of report.md: its section, its charts (bench/report/charts draws them in registry
 * order), the lines it adds to the verdict, and its table in the browser section. Methods, so that a
 * report of any scenario's sizes is a ScenarioReport (see Scenario).
 */
export interface ScenarioReport<Sizes = unknown> {
  section(ctx: ReportContext<Sizes>): string[];
  readonly charts?: readonly Chart[];
  /** sentences for the report's verdict, from this run's figures */
  verdict?(ctx: ReportContext<Sizes>): string[];
  /** its table comparing the browser client with the Node client, when the run had both */
  browserTable?(ctx: ReportContext<Sizes>): string[];
  /**
   * its part of the summary printed on the terminal at the end of a run (bench/report/summary.ts):
   * plain text, at most SUMMARY_WIDTH columns (bench/report/terminal-text.ts), from this run's figures
   */
  summary?(ctx: ReportContext<Sizes>): string[];
  /** the figures of its rows that set a variant against its base, lower is better for each */
  readonly variantFigures?: readonly VariantFigure[];
}
