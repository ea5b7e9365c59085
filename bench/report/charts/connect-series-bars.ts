import type { TopLevelSpec } from 'vega-lite';
import { FigureTable } from '../figure-table.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import { CHART_CONFIG, PLOT_WIDTH } from './chart.ts';

export interface Series {
  metric: string;
  label: string;
  color: string;
}

/**
 * Horizontal bars, one group per transport (ranked by the first series), one bar per series, the value
 * printed at the end of each: the shape echo-latency draws, for any scenario and metrics (the connect,
 * idle and churn charts all use it).
 */
export function seriesBars(
  rows: readonly SummaryRow[],
  scenario: string,
  series: readonly Series[],
  text: { title: string; subtitle: string[]; axis: string; log: boolean; legend: string },
): TopLevelSpec | undefined {
  const t = new FigureTable(rows, scenario);
  const first = series[0];
  if (!first) return undefined;
  const order = t.ranked(first.metric).map((e) => e.transport);
  if (order.length === 0) return undefined;
  const values = order.flatMap((transport) => series.map((s) => ({ transport, series: s.label, value: t.median(transport, s.metric) ?? null })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: text.title, subtitle: text.subtitle },
    config: CHART_CONFIG,
    width: PLOT_WIDTH,
    height: { step: 15, for: 'offset' },
    data: { values },
    encoding: {
      y: { field: 'transport', type: 'nominal', sort: order, title: null, axis: { labelFontWeight: 'bold' } },
      yOffset: { field: 'series', sort: series.map((s) => s.label) },
      x: {
        field: 'value',
        type: 'quantitative',
        // a log axis cannot start a bar at 0: bars stand side by side, never stacked
        ...(text.log ? { scale: { type: 'log' } } : {}),
        stack: null,
        title: text.axis,
        axis: { format: '~s', tickCount: 6 },
      },
      color: {
        field: 'series',
        type: 'nominal',
        title: text.legend,
        scale: { domain: series.map((s) => s.label), range: series.map((s) => s.color) },
      },
    },
    layer: [
      { mark: { type: 'bar', height: { band: 0.9 } } },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 3, fontSize: 10, color: '#333' },
        encoding: { text: { field: 'value', type: 'quantitative', format: ',.0f' } },
      },
    ],
  };
}
