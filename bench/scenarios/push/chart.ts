import { CHART_CONFIG, PLOT_WIDTH, type Chart } from '../../report/charts/chart.ts';
import { mediansByCount } from '../../report/charts/medians-by-count.ts';

/** Messages per second received in the push scenario, per transport, one bar per receiver count. */
export const pushChart: Chart = {
  file: 'push-rate.svg',
  alt: 'Server push: messages received per second per transport, for each receiver count',
  spec(rows) {
    const medians = mediansByCount(rows, 'push', 'msgs_per_s');
    if (medians.length === 0) return undefined;
    const values = medians.map((m) => ({ transport: m.transport, receivers: `${m.connections} receiver(s)`, rate: m.value }));
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: { text: 'Push: messages received per second (higher is better)', subtitle: 'all receivers together; median over trials' },
      config: CHART_CONFIG,
      width: PLOT_WIDTH,
      height: { step: 14, for: 'offset' },
      data: { values },
      mark: { type: 'bar', height: { band: 0.9 } },
      encoding: {
        y: { field: 'transport', type: 'nominal', title: null, sort: '-x' },
        yOffset: { field: 'receivers' },
        x: { field: 'rate', type: 'quantitative', title: 'messages per second', axis: { format: '~s' } },
        color: { field: 'receivers', type: 'nominal', title: null },
      },
    };
  },
};
