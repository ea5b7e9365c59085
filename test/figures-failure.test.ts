import { afterEach, describe, expect, it } from 'vitest';
import { checkFigures, pointFigures } from '../bench/results/summary-csv.ts';
import type { PointRecord } from '../bench/results/run-record.ts';
import { SCENARIOS } from '../bench/scenarios/registry.ts';

const point = {
  trial: 1,
  client: 'node',
  transport: 'ws',
  scenario: 'boom',
  job: { payloadBytes: 64, connections: 1 },
  status: 'ok',
  result: { histograms: {}, delivery: { sent: 1, delivered: 1, lost: 0, duplicated: 0, reordered: 0 }, health: { elapsedUs: 1, cpuUs: 0, loopDelayP99Us: 0, loopDelayMaxUs: 0 } },
} as unknown as PointRecord;

describe('a point whose figures cannot be derived', () => {
  afterEach(() => {
    delete SCENARIOS['boom'];
  });

  it('becomes a failed point with the reason, and never throws out of the report', () => {
    SCENARIOS['boom'] = {
      name: 'boom',
      description: 'throws while deriving figures',
      load: () => Promise.reject(new Error('not run')),
      figures: () => {
        throw new Error('no wire profile for transport ws\nsecond line');
      },
    };
    const checked = checkFigures(point);
    expect(checked.status).toBe('failed');
    expect(checked.error).toBe('figures: no wire profile for transport ws');
    expect(pointFigures(point)).toEqual([{ metric: 'failed', value: 1, unit: 'count' }]);
  });
});
