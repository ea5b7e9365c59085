import { CHART_CONFIG, PLOT_WIDTH, type Chart } from '../../report/charts/chart.ts';
import { median } from '../../report/format.ts';

/** p99 against offered rate for every step of the throughput search (smallest payload), one line per transport. */
export const throughputChart: Chart = {
  file: 'throughput-steps.svg',
  alt: 'Throughput search: p99 round trip against offered echo rate per transport (log scales)',
  spec(rows) {
    const steps = rows.filter((r) => r.scenario === 'throughput' && r.metric === 'step_rtt_p99' && r.ratePerS !== undefined);
    const size = Math.min(...steps.map((r) => r.payloadBytes));
    const points = new Map<string, number[]>();
    for (const r of steps.filter((s) => s.payloadBytes === size)) {
      const key = `${r.transport}\u0000${r.ratePerS}`;
      points.set(key, [...(points.get(key) ?? []), r.value]);
    }
    if (points.size === 0) return undefined;
    const values = [...points].map(([key, v]) => {
      const [transport, rate] = key.split('\u0000');
      return { transport, rate: Number(rate), p99: median(v) ?? null };
    });
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: { text: 'Throughput search: p99 at each offered rate (lower and further right is better)', subtitle: `${size} B messages; median over trials` },
      config: CHART_CONFIG,
      width: PLOT_WIDTH,
      height: 300,
      data: { values },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'rate', type: 'quantitative', scale: { type: 'log' }, title: 'offered echo rate (msg/s, log scale)', axis: { format: '~s' } },
        y: { field: 'p99', type: 'quantitative', scale: { type: 'log' }, title: 'p99 round trip (µs, log scale)', axis: { format: '~s' } },
        color: { field: 'transport', type: 'nominal', title: 'transport' },
      },
    };
  },
};
