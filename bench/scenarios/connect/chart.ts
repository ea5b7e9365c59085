import { conditions, type Chart } from '../../report/charts/chart.ts';
import { seriesBars } from '../../report/charts/connect-series-bars.ts';

/** Connect latency per transport, p50 beside p99, on a log axis: tcp and socket.io differ by orders. */
export const connectLatencyChart: Chart = {
  file: 'connect-latency.svg',
  alt: 'Connection handshake latency per transport during a storm, p50 and p99 in microseconds (log scale)',
  spec: (rows) =>
    seriesBars(
      rows,
      'connect',
      [
        { metric: 'connect_p50', label: 'p50 (median)', color: '#4c78a8' },
        { metric: 'connect_p99', label: 'p99', color: '#f58518' },
      ],
      {
        title: 'Time to connect during a connection storm (lower is better)',
        subtitle: [conditions(rows, 'connect'), 'from calling connect() to a usable connection'],
        axis: 'connect time (µs, log scale)',
        log: true,
        legend: 'connect time',
      },
    ),
};
