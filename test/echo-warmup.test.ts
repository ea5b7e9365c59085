import { describe, expect, it } from 'vitest';
import { warningsSection } from '../bench/output/sections/warnings.ts';
import type { PointRecord, RunRecord } from '../bench/run-record.ts';
import { echo } from '../bench/scenarios/echo.ts';
import type { LoadJob, LoadResult } from '../protocol/control.ts';

const job = { scenario: 'echo', transport: 'sse', warmup: 3000, warmupS: 0.5, connections: 1 } as LoadJob;
const result = (done: number): LoadResult => ({
  histograms: {},
  delivery: { sent: 10, delivered: 10, lost: 0, duplicated: 0, reordered: 0 },
  values: { warmup_round_trips: done, warmup_round_trips_asked: 3000 },
  health: { elapsedUs: 1e6, cpuUs: 1e5, loopDelayP99Us: 100, loopDelayMaxUs: 100 },
});

describe('echo warm-up that the time cap cut short', () => {
  it('is a warning with the count it reached, and no warning when the count was reached', () => {
    expect(echo.warnings?.({ job, result: result(1040), marks: {} })).toEqual([
      expect.objectContaining({ title: 'warm-up cut short', detail: expect.stringContaining('1,040 of 3,000 round trips in 0.5 s') }),
    ]);
    expect(echo.warnings?.({ job, result: result(3000), marks: {} })).toEqual([]);
    expect(echo.warnings?.({ job, result: result(2353), marks: {} })).toEqual([]);
  });

  it('reaches the report, named by point', () => {
    const point: PointRecord = { trial: 2, client: 'node', transport: 'sse', scenario: 'echo', job, status: 'ok', result: result(1040) };
    const run = { points: [point], calibration: [] } as unknown as RunRecord;
    expect(warningsSection(run).join('\n')).toContain('- **warm-up cut short**: echo / sse (trial 2): 1,040 of 3,000');
  });
});
