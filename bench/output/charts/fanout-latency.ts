import { CHART_CONFIG, PLOT_WIDTH, type Chart } from './chart.ts';
import { median } from '../format.ts';

/** Latency to the last member of the room (p50), per transport, one bar per room size, log scale. */
export const fanoutChart: Chart = {
  file: 'fanout-latency.svg',
  alt: 'Fan-out: latency from a broadcast to the last room member, p50 in microseconds per transport and room size (log scale)',
  spec(rows) {
    const mine = rows.filter((r) => r.scenario === 'fanout' && r.metric === 'fanout_last_p50');
    if (mine.length === 0) return undefined;
    const groups = new Map<string, number[]>();
    for (const r of mine) {
      const key = `${r.transport}\u0000${r.connections}`;
      groups.set(key, [...(groups.get(key) ?? []), r.value]);
    }
    const values = [...groups].map(([key, v]) => {
      const [transport, room] = key.split('\u0000');
      return { transport, room: `room of ${room}`, us: median(v) ?? null };
    });
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
