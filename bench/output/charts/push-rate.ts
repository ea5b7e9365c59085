import { CHART_CONFIG, PLOT_WIDTH, type Chart } from './chart.ts';
import { median } from '../format.ts';

/** Messages per second received in the push scenario, per transport, one bar per receiver count. */
export const pushChart: Chart = {
  file: 'push-rate.svg',
  alt: 'Server push: messages received per second per transport, for each receiver count',
  spec(rows) {
    const mine = rows.filter((r) => r.scenario === 'push' && r.metric === 'msgs_per_s');
    if (mine.length === 0) return undefined;
    const groups = new Map<string, number[]>();
    for (const r of mine) {
      const key = `${r.transport}\u0000${r.connections}`;
      groups.set(key, [...(groups.get(key) ?? []), r.value]);
    }
    const values = [...groups].map(([key, v]) => {
      const [transport, clients] = key.split('\u0000');
      return { transport, receivers: `${clients} receiver(s)`, rate: median(v) ?? null };
    });
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
