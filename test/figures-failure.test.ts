import { describe, expect, it } from 'vitest';
import { describePoint } from '../bench/results/describe-point.ts';
import { pointFigures } from '../bench/results/summary-csv.ts';
import type { LoadJob } from '../protocol/control.ts';

const point = {
  trial: 1,
  client: 'node' as const,
  transport: 'ws',
  scenario: 'echo',
  job: { payloadBytes: 64, connections: 1, sizes: {} } as LoadJob,
  status: 'ok' as const,
  // a histogram that is not one: echo's figures cannot be derived from it
  result: { data: { rtt: 'not a histogram' }, delivery: { sent: 1, delivered: 1, lost: 0, duplicated: 0, reordered: 0 }, health: { elapsedUs: 1, cpuUs: 0, loopDelayP99Us: 0, loopDelayMaxUs: 0 } },
  marks: {},
};

describe('a point whose figures cannot be derived', () => {
  it('becomes a failed point with the reason, its whole message and stack kept, and a failed row in the CSV', () => {
    const described = describePoint(point);
    expect(described.status).toBe('failed');
    if (described.status !== 'failed') return;
    expect(described.error.code).toBe('WB_FIGURES');
    expect(described.error.message).toMatch(/^figures: /);
    expect(described.error.stack).toBeTruthy();
    expect(pointFigures(described)).toEqual([{ metric: 'failed', value: 1, unit: 'count' }]);
  });

  it('is an ok point with its figures stored when they can be', () => {
    const described = describePoint({ ...point, scenario: 'micro', result: { ...point.result, data: { cases: [{ operation: 'frame', nsPerOp: 12, rmePct: 1 }] } } });
    expect(described.status).toBe('ok');
    expect(pointFigures(described)).toEqual([
      { metric: 'frame_ns', value: 12, unit: 'ns' },
      { metric: 'frame_rme_pct', value: 1, unit: 'pct' },
    ]);
  });
});
