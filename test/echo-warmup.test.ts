import { describe, expect, it } from 'vitest';
import { warningsSection } from '../bench/report/sections/warnings.ts';
import { describedOrThrow } from '../bench/results/describe-point.ts';
import type { RunRecord } from '../bench/results/run-record.ts';
import type { EchoData } from '../bench/scenarios/echo/result.ts';
import { echo } from '../bench/scenarios/echo/scenario.ts';
import { isSettled } from '../bench/load/warm-up.ts';
import { createHistogram, encodeHistogram } from '../bench/stats/histogram.ts';
import type { LoadJob, LoadResult } from '../protocol/control.ts';

const job = { scenario: 'echo', transport: 'sse', warmup: 3000, warmupS: 0.5, connections: 1, sizes: {} } as LoadJob;
const result = (done: number): LoadResult<EchoData> => ({
  data: { rtt: encodeHistogram(createHistogram()), warmup: { done, asked: 3000 } },
  delivery: { sent: 10, delivered: 10, lost: 0, duplicated: 0, reordered: 0 },
  health: { elapsedUs: 1e6, cpuUs: 1e5, loopDelayP99Us: 100, loopDelayMaxUs: 100 },
});

describe('echo warm-up that the time cap cut short', () => {
  it('is a warning with the count it reached, and no warning when the count was reached', () => {
    expect(echo.warnings?.({ job, sizes: {}, result: result(1040), marks: {} })).toEqual([
      expect.objectContaining({ title: 'warm-up cut short', value: '1,040', detail: expect.stringContaining('of 3,000 round trips in 0.5 s') }),
    ]);
    expect(echo.warnings?.({ job, sizes: {}, result: result(3000), marks: {} })).toEqual([]);
    expect(echo.warnings?.({ job, sizes: {}, result: result(2353), marks: {} })).toEqual([]);
  });

  it('is stored with the point when it is measured, and reaches the report once per transport, with every trial named', () => {
    const point = (trial: number, done: number) =>
      describedOrThrow({ trial, client: 'node', transport: 'sse', scenario: 'echo', job, status: 'ok', result: result(done), marks: {} });
    const points = [point(1, 1040), point(2, 2500), point(3, 980)];
    expect(points.map((p) => p.warnings.length)).toEqual([1, 0, 1]);
    const run = { points, calibration: [] } as unknown as RunRecord;
    const lines = warningsSection(run).filter((l) => l.includes('warm-up'));
    expect(lines).toEqual([expect.stringContaining('- **warm-up cut short**: echo / sse (trials 1, 3): 1,040, 980 of 3,000 round trips')]);
  });
});

describe('echo warm-up until the round trip settles', () => {
  const settledResult = (settled: boolean): LoadResult<EchoData> => ({
    ...result(1500),
    data: { rtt: encodeHistogram(createHistogram()), warmup: { done: 1500, asked: 2000, settled, batchP50Us: [900, 700, 650], ms: 4000 } },
  });

  it('warns only when the time cap came before the round trip stopped falling, whatever the count', () => {
    expect(echo.warnings?.({ job, sizes: {}, result: settledResult(true), marks: {} })).toEqual([]);
    expect(echo.warnings?.({ job, sizes: {}, result: settledResult(false), marks: {} })).toEqual([
      expect.objectContaining({ title: 'warm-up cut short', value: '1,500', detail: expect.stringContaining('900 µs first, 650 µs last') }),
    ]);
  });

  it('is settled when the last three batches are no more than 10% faster than the three before', () => {
    expect(isSettled([300, 250, 200])).toBe(false); // too few batches to tell
    expect(isSettled([300, 250, 200, 150, 120, 100])).toBe(false); // still falling
    expect(isSettled([300, 250, 200, 190, 185, 200])).toBe(false); // 250 to 190: still falling
    expect(isSettled([300, 250, 200, 190, 185, 200, 188, 192, 186])).toBe(true);
    // one batch's jump (the machine, not the server) moves neither median
    expect(isSettled([120, 110, 115, 118, 400, 112])).toBe(true);
    expect(isSettled([120, 110, 115, 100, 98, 400])).toBe(false);
  });
});
