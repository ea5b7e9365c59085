import { CHART_CONFIG, PLOT_WIDTH, type Chart } from '../../report/charts/chart.ts';
import { mediansByCount } from '../../report/charts/medians-by-count.ts';

/** Latency to the last member of the room (p50), per transport, one bar per room size, log scale. */
export const fanoutChart: Chart = {
  file: 'fanout-latency.svg',
  alt: 'Fan-out: latency from a broadcast to the last room member, p50 in microseconds per transport and room size (log scale)',
  spec(rows) {
    const medians = mediansByCount(rows, 'fanout', 'fanout_last_p50');
    if (medians.length === 0) return undefined;
    const values = medians.map((m) => ({ transport: m.transport, room: `room of ${m.connections}`, us: m.value }));
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: { text: 'Fan-out: time for a broadcast to reach the whole room (lower is better)', subtitle: 'p50 to the last member; median over trials' },
      config: CHART_CONFIG,
      width: PLOT_WIDTH,
      height: { step: 14, for: 'offset' },
      data: { values },
      mark: { type: 'bar', height: { band: 0.9 } },
      encoding: {
        y: { field: 'transport', type: 'nominal', title: null, sort: 'x' },
        yOffset: { field: 'room' },
        x: { field: 'us', type: 'quantitative', scale: { type: 'log' }, stack: null, title: 'latency to the last member (µs, log scale)', axis: { format: '~s' } },
        color: { field: 'room', type: 'nominal', title: null },
      },
    };
  },
};
