import { CHART_CONFIG, PLOT_WIDTH, type Chart } from '../../report/charts/chart.ts';
import { mediansByCount } from '../../report/charts/medians-by-count.ts';
import { median } from '../../report/format.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';

/** The smallest payload's rows: every profile searches it, and the others only in the full one. */
function smallest(rows: readonly SummaryRow[]): SummaryRow[] {
  const mine = rows.filter((r) => r.scenario === 'throughput');
  const size = Math.min(...mine.map((r) => r.payloadBytes));
  return mine.filter((r) => r.payloadBytes === size);
}

/** The limit each transport reached, one bar per connection count. */
export const capacityChart: Chart = {
  file: 'throughput-capacity.svg',
  alt: 'Echo capacity per transport within the latency bound, one bar per connection count',
  spec(rows) {
    const medians = mediansByCount(smallest(rows).filter((r) => r.ratePerS === undefined), 'throughput', 'max_msgs_per_s').filter((m) => (m.value ?? 0) > 0);
    if (medians.length === 0) return undefined;
    const values = medians.map((m) => ({ transport: m.transport, connections: `${m.connections} connection(s)`, rate: m.value }));
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: { text: 'Echo capacity within the p99 bound (higher is better)', subtitle: 'what the highest passing step delivered per second; median over trials' },
      config: CHART_CONFIG,
      width: PLOT_WIDTH,
      height: { step: 14, for: 'offset' },
      data: { values },
      mark: { type: 'bar', height: { band: 0.9 } },
      encoding: {
        y: { field: 'transport', type: 'nominal', title: null, sort: '-x' },
        yOffset: { field: 'connections' },
        x: { field: 'rate', type: 'quantitative', title: 'echoes per second', axis: { format: '~s' } },
        color: { field: 'connections', type: 'nominal', title: null },
      },
    };
  },
};

/** p99 against offered rate for every step of the searches on the fewest connections, one line per transport. */
export const throughputChart: Chart = {
  file: 'throughput-steps.svg',
  alt: 'Throughput search: p99 round trip against offered echo rate per transport (log scales)',
  spec(rows) {
    const mine = smallest(rows).filter((r) => r.metric === 'step_rtt_p99' && r.ratePerS !== undefined);
    const fewest = Math.min(...mine.map((r) => r.connections));
    const points = new Map<string, number[]>();
    for (const r of mine.filter((s) => s.connections === fewest)) {
      const key = `${r.transport}\u0000${r.ratePerS}`;
      points.set(key, [...(points.get(key) ?? []), r.value]);
    }
    if (points.size === 0) return undefined;
    const values = [...points].map(([key, v]) => {
      const [transport, rate] = key.split('\u0000');
      return { transport, rate: Number(rate), p99: median(v) ?? null };
    });
    const size = mine[0]?.payloadBytes ?? 0;
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: { text: 'Throughput search: p99 at each offered rate (lower and further right is better)', subtitle: `${size} B messages, ${fewest} connection(s); median over trials` },
      config: CHART_CONFIG,
      width: PLOT_WIDTH,
      height: 300,
      data: { values },
      mark: { type: 'point', filled: true },
      encoding: {
        x: { field: 'rate', type: 'quantitative', scale: { type: 'log' }, title: 'offered echo rate (msg/s, log scale)', axis: { format: '~s' } },
        y: { field: 'p99', type: 'quantitative', scale: { type: 'log' }, title: 'p99 round trip (µs, log scale)', axis: { format: '~s' } },
        color: { field: 'transport', type: 'nominal', title: 'transport' },
      },
    };
  },
};
