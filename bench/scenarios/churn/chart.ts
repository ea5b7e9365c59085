import { FigureTable } from '../../report/figure-table.ts';
import { CHART_CONFIG, PLOT_WIDTH, conditions, type Chart } from '../../report/charts/chart.ts';

const PARTS = [
  { metric: 'churn_recovered', label: 'recovered (replayed or queued)', color: '#54a24b' },
  { metric: 'churn_lost_in_gap', label: 'lost', color: '#e45756' },
] as const;

/** What became of the messages broadcast while dropped connections were down: recovered and lost, stacked. */
export const churnGapChart: Chart = {
  file: 'churn-gap.svg',
  alt: 'Messages broadcast to dropped connections while they were down, recovered and lost, per transport',
  spec(rows) {
    const t = new FigureTable(rows, 'churn');
    const order = t.ranked('churn_lost_in_gap').map((e) => e.transport);
    if (order.length === 0) return undefined;
    const values = order.flatMap((transport) => PARTS.map((p, i) => ({ transport, part: p.label, order: i, messages: t.median(transport, p.metric) ?? 0 })));
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: {
        text: 'Messages sent into the gap of a dropped connection (more green is better)',
        subtitle: [conditions(rows, 'churn'), 'summed over the dropped connections; the gap lasts until each is back, so a slow retry makes it longer'],
      },
      config: CHART_CONFIG,
      width: PLOT_WIDTH,
      height: { step: 24 },
      data: { values },
      encoding: {
        y: { field: 'transport', type: 'nominal', sort: order, title: null, axis: { labelFontWeight: 'bold' } },
        x: { field: 'messages', type: 'quantitative', stack: 'zero', title: 'messages broadcast while down' },
        order: { field: 'order' },
        color: { field: 'part', type: 'nominal', title: null, scale: { domain: PARTS.map((p) => p.label), range: PARTS.map((p) => p.color) } },
      },
      mark: { type: 'bar', height: { band: 0.75 } },
    };
  },
};
