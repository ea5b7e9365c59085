import { conditions, type Chart } from '../../report/charts/chart.ts';
import { seriesBars } from '../../report/charts/connect-series-bars.ts';

/** Server memory per idle connection, heap beside RSS: the slope of memory over connection count. */
export const idleMemoryChart: Chart = {
  file: 'idle-memory.svg',
  alt: 'Server heap and RSS per idle connection per transport, in bytes',
  spec: (rows) =>
    seriesBars(
      rows,
      'idle',
      [
        { metric: 'heap_per_conn_bytes', label: 'JS heap', color: '#4c78a8' },
        { metric: 'rss_per_conn_bytes', label: 'RSS', color: '#e45756' },
      ],
      {
        title: 'Server memory per idle connection (lower is better)',
        subtitle: [conditions(rows, 'idle'), 'slope of a line through memory after a forced GC at each count held (and at none)'],
        axis: 'bytes per connection',
        log: false,
        legend: 'memory',
      },
    ),
};
