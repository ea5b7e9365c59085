import { WIRE_SIZES } from './sizes.ts';
import { RowLookup, scenarioRows } from '../../report/row-lookup.ts';
import { CHART_CONFIG, PLOT_WIDTH, type Chart } from '../../report/charts/chart.ts';

/** Overhead ratio over the payload sweep, one line per transport, both axes logarithmic. */
export const wireOverheadChart: Chart = {
  file: 'wire-overhead.svg',
  alt: 'Wire bytes over payload bytes per message size, one line per transport (log scales)',
  spec(rows) {
    const own = scenarioRows(rows, 'wire');
    const t = new RowLookup(own);
    const values = t.transports.flatMap((transport) =>
      WIRE_SIZES.map((size) => ({ transport, size, ratio: t.get(transport, 'overhead_ratio', { payloadBytes: size }) })).filter(
        (v) => v.ratio !== undefined,
      ),
    );
    if (values.length === 0) return undefined;
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: {
        text: 'Wire overhead by message size (lower is better; 1 = nothing but payload)',
        subtitle: `echo up and down, bytes counted on the server's sockets; run ${own[0]?.runId ?? ''}`,
      },
      config: CHART_CONFIG,
      width: PLOT_WIDTH,
      height: 320,
      data: { values },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'size', type: 'quantitative', scale: { type: 'log', base: 2 }, title: 'payload (B, log scale)', axis: { values: [...WIRE_SIZES], format: '~s' } },
        y: { field: 'ratio', type: 'quantitative', scale: { type: 'log' }, title: 'wire bytes ÷ payload bytes (log scale)' },
        color: { field: 'transport', type: 'nominal', title: 'transport' },
      },
    };
  },
};
