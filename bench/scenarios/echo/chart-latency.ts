import { FigureTable } from '../../report/figure-table.ts';
import { CHART_CONFIG, PLOT_WIDTH, conditions, type Chart } from '../../report/charts/chart.ts';

const PERCENTILES = [
  { metric: 'rtt_p50', label: 'p50 (median)', color: '#4c78a8' },
  { metric: 'rtt_p99', label: 'p99', color: '#f58518' },
] as const;

/** Echo round-trip time per transport: p50 beside p99, on a log axis so tcp and polling fit on one chart. */
export const echoLatencyChart: Chart = {
  file: 'echo-latency.svg',
  alt: 'Echo round-trip time per transport, p50 and p99 in microseconds (log scale)',
  spec(rows) {
    const t = new FigureTable(rows, 'echo');
    const order = t.ranked('rtt_p50').map((e) => e.transport);
    if (order.length === 0) return undefined;
    const values = order.flatMap((transport) =>
      PERCENTILES.map((p) => ({ transport, percentile: p.label, us: t.median(transport, p.metric) ?? null })),
    );
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: { text: 'Echo round-trip time (lower is better)', subtitle: conditions(rows, 'echo') },
      config: CHART_CONFIG,
      width: PLOT_WIDTH,
      height: { step: 15, for: 'offset' },
      data: { values },
      encoding: {
        y: { field: 'transport', type: 'nominal', sort: order, title: null, axis: { labelFontWeight: 'bold' } },
        yOffset: { field: 'percentile', sort: PERCENTILES.map((p) => p.label) },
        x: {
          field: 'us',
          type: 'quantitative',
          scale: { type: 'log' },
          // p50 and p99 stand side by side (yOffset); stacking would also start a bar at 0, which log cannot show
          stack: null,
          title: 'round-trip time (µs, log scale)',
          axis: { format: '~s', tickCount: 6 },
        },
        color: {
          field: 'percentile',
          type: 'nominal',
          title: 'round trip',
          scale: { domain: PERCENTILES.map((p) => p.label), range: PERCENTILES.map((p) => p.color) },
        },
      },
      layer: [
        { mark: { type: 'bar', height: { band: 0.9 } } },
        // the figure itself at the end of each bar: a log axis is hard to read off precisely
        {
          mark: { type: 'text', align: 'left', baseline: 'middle', dx: 3, fontSize: 10, color: '#333' },
          encoding: { text: { field: 'us', type: 'quantitative', format: ',.0f' } },
        },
      ],
    };
  },
};
