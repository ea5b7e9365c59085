import type { Config, TopLevelSpec } from 'vega-lite';
import type { SummaryRow } from '../../results/summary-csv.ts';

/** Charts live in this folder beside report.md, so the report links them relatively and renders on GitHub. */
export const CHARTS_DIR = 'charts';

/**
 * One chart of the report. A chart is a pure function from the run's summary rows to a vega-lite spec:
 * it never renders (see render.ts), so a report section can ask whether it exists without loading vega.
 */
export interface Chart {
  /** file name under charts/, e.g. `echo-latency.svg` */
  readonly file: string;
  /** what the chart shows, in a few words: its alt text in the report */
  readonly alt: string;
  /** the spec, or undefined when this run has nothing to draw (then neither file nor embed) */
  spec(rows: readonly SummaryRow[]): TopLevelSpec | undefined;
}

/** The markdown that embeds a chart, or nothing when the chart has nothing to draw. */
export function chartEmbed(chart: Chart, rows: readonly SummaryRow[]): string[] {
  return chart.spec(rows) ? [`![${chart.alt}](${CHARTS_DIR}/${chart.file})`, ''] : [];
}

/** Shared look: an opaque white background, so charts stay readable on GitHub's dark theme too. */
export const CHART_CONFIG: Config = {
  background: 'white',
  padding: 12,
  font: 'Helvetica, Arial, sans-serif',
  title: { fontSize: 14, subtitleFontSize: 11, subtitleColor: '#555', anchor: 'start', offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e6e6e6' },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: 'bottom', direction: 'horizontal', labelLimit: 0 },
  view: { stroke: null },
};

/** Width of every chart's plot area in px: fits GitHub's markdown column without scaling text down. */
export const PLOT_WIDTH = 560;

/** One line under a chart's title saying what was measured, read from the rows themselves. */
export function conditions(rows: readonly SummaryRow[], scenario: string): string {
  const first = rows.find((r) => r.scenario === scenario);
  if (!first) return '';
  const trials = new Set(rows.filter((r) => r.scenario === scenario).map((r) => r.trial)).size;
  return (
    `${first.payloadBytes} B messages, ${first.connections} connection(s), ` +
    `${trials === 1 ? 'one trial' : `median of ${trials} trials`}; run ${first.runId}`
  );
}
