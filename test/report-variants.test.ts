import { describe, expect, it } from 'vitest';
import { variantsSection } from '../bench/report/sections/variants.ts';
import type { SummaryRow } from '../bench/results/summary-csv.ts';

const row = (transport: string, scenario: string, metric: string, value: number, trial = 1): SummaryRow => ({
  runId: 'r',
  trial,
  client: 'node',
  transport,
  scenario,
  payloadBytes: 256,
  connections: 1,
  metric,
  value,
  unit: 'B',
});

describe('the variants section', () => {
  it('sets each variant beside its base, figure by figure, as medians and their ratio', () => {
    const rows = [
      ...[1, 2, 3].flatMap((trial) => [row('ws', 'echo', 'bytes_down_per_msg', 262, trial), row('ws-deflate', 'echo', 'bytes_down_per_msg', 100 + trial, trial)]),
      row('ws', 'idle', 'heap_per_conn_bytes', 4000),
      row('ws-deflate', 'idle', 'heap_per_conn_bytes', 10000),
      row('socketio', 'churn', 'churn_lost_in_gap', 80),
      row('socketio-recovery', 'churn', 'churn_lost_in_gap', 0),
      row('engineio', 'echo', 'bytes_up_per_msg', 263),
      row('socketio', 'echo', 'bytes_up_per_msg', 278),
    ];
    const text = variantsSection(rows).join('\n');
    expect(text).toContain('### `ws-deflate` against `ws`');
    expect(text).toContain('| wire bytes down per message, B (echo) | 262 | 102 | 0.39× |');
    expect(text).toContain('| server heap per idle connection, B (idle) | 4,000 | 10,000 | 2.50× |');
    expect(text).toContain('| broadcasts lost in the gap of a drop (churn) | 80 | 0 | 0.00× |');
    // engine.io is no variant of socket.io but the layer under it: set against it all the same
    expect(text).toContain('### `engineio` against `socketio`');
    expect(text).toContain('| wire bytes up per message, B (echo) | 278 | 263 | 0.95× |');
    // a variant whose base did not run has no table
    expect(text).not.toContain('socketio-msgpack');
  });

  it('sets capacity beside its base at each connection count, higher being better', () => {
    const at = (transport: string, connections: number, value: number): SummaryRow => ({ ...row(transport, 'throughput', 'max_msgs_per_s', value), connections, payloadBytes: 64, unit: 'msg/s' });
    const text = variantsSection([at('ws', 1, 60_000), at('ws', 100, 80_000), at('ws-deflate', 1, 30_000), at('ws-deflate', 100, 20_000)]).join('\n');
    expect(text).toContain('| echo capacity within the p99 bound, msg/s at 1 conn., higher is better (throughput) | 60,000 | 30,000 | 0.50× |');
    expect(text).toContain('| echo capacity within the p99 bound, msg/s at 100 conn., higher is better (throughput) | 80,000 | 20,000 | 0.25× |');
  });

  it('is absent when no variant ran beside its base', () => {
    expect(variantsSection([row('ws-deflate', 'echo', 'bytes_down_per_msg', 100)])).toEqual([]);
  });
});
