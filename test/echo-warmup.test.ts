import { describe, expect, it } from 'vitest';
import { warningsSection } from '../bench/report/sections/warnings.ts';
import type { PointRecord, RunRecord } from '../bench/results/run-record.ts';
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
      expect.objectContaining({ title: 'warm-up cut short', value: '1,040', detail: expect.stringContaining('of 3,000 round trips in 0.5 s') }),
    ]);
    expect(echo.warnings?.({ job, result: result(3000), marks: {} })).toEqual([]);
    expect(echo.warnings?.({ job, result: result(2353), marks: {} })).toEqual([]);
  });

  it('reaches the report once per transport, with every trial named', () => {
    const point = (trial: number, done: number): PointRecord => ({ trial, client: 'node', transport: 'sse', scenario: 'echo', job, status: 'ok', result: result(done) });
    const run = { points: [point(1, 1040), point(2, 2500), point(3, 980)], calibration: [] } as unknown as RunRecord;
    const lines = warningsSection(run).filter((l) => l.includes('warm-up'));
    expect(lines).toEqual([expect.stringContaining('- **warm-up cut short**: echo / sse (trials 1, 3): 1,040, 980 of 3,000 round trips')]);
  });
});
