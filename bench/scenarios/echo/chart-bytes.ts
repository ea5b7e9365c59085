import { FigureTable } from '../../report/figure-table.ts';
import { CHART_CONFIG, PLOT_WIDTH, conditions, type Chart } from '../../report/charts/chart.ts';

const DIRECTIONS = [
  { metric: 'bytes_up_per_msg', label: 'up (client → server)', color: '#54a24b' },
  { metric: 'bytes_down_per_msg', label: 'down (server → client)', color: '#b279a2' },
] as const;

/** Wire bytes per echoed message, up and down stacked, so the bar's length is what one echo costs. */
export const echoBytesChart: Chart = {
  file: 'echo-bytes.svg',
  alt: 'Wire bytes per echoed message per transport, upstream and downstream stacked',
  spec(rows) {
    const t = new FigureTable(rows, 'echo');
    const totals = t.transports
      .map((transport) => ({
        transport,
        total: DIRECTIONS.reduce((sum, d) => sum + (t.median(transport, d.metric) ?? NaN), 0),
      }))
      .filter((e) => Number.isFinite(e.total))
      .sort((a, b) => a.total - b.total);
    if (totals.length === 0) return undefined;
    const values = totals.flatMap(({ transport, total }) =>
      DIRECTIONS.map((d, i) => ({ transport, direction: d.label, order: i, bytes: t.median(transport, d.metric), total })),
    );
    const payload = rows.find((r) => r.scenario === 'echo')?.payloadBytes;
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: {
        text: 'Wire bytes per echoed message (lower is better)',
        subtitle: [
          conditions(rows, 'echo'),
          `counted on the server's TCP sockets: headers, framing and polling requests included${payload ? `; payload ${payload} B` : ''}`,
        ],
      },
      config: CHART_CONFIG,
      width: PLOT_WIDTH,
      height: { step: 24 },
      data: { values },
      encoding: {
        y: { field: 'transport', type: 'nominal', sort: totals.map((e) => e.transport), title: null, axis: { labelFontWeight: 'bold' } },
      },
      layer: [
        {
          mark: { type: 'bar', height: { band: 0.75 } },
          encoding: {
            x: { field: 'bytes', type: 'quantitative', stack: 'zero', title: 'wire bytes per message (B)' },
            order: { field: 'order' },
            color: {
              field: 'direction',
              type: 'nominal',
              title: 'direction',
              scale: { domain: DIRECTIONS.map((d) => d.label), range: DIRECTIONS.map((d) => d.color) },
            },
          },
        },
        // the up + down total once per transport, at the end of its bar
        {
          transform: [{ filter: 'datum.order === 0' }],
          mark: { type: 'text', align: 'left', baseline: 'middle', dx: 3, fontSize: 10, color: '#333' },
          encoding: {
            x: { field: 'total', type: 'quantitative' },
            text: { field: 'total', type: 'quantitative', format: ',.0f' },
          },
        },
      ],
    };
  },
};
