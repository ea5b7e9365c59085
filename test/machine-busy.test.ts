import { describe, expect, it } from 'vitest';
import { warningsSection } from '../bench/report/sections/warnings.ts';
import { describedOrThrow } from '../bench/results/describe-point.ts';
import type { RunRecord } from '../bench/results/run-record.ts';
import { createHistogram, encodeHistogram } from '../bench/stats/histogram.ts';
import { jobOf, statsAt } from './helpers/records.ts';

/** An echo point whose load process and server waited for a core for the given shares of a 1 s window. */
function point(trial: number, loadWait: number | undefined, serverWait: number, foreignShare?: number) {
  const health = {
    elapsedUs: 1e6,
    cpuUs: 1e5,
    loopDelayP99Us: 1000,
    loopDelayMaxUs: 2000,
    ...(loadWait === undefined ? {} : { runQueueWaitUs: loadWait * 1e6 }),
    ...(foreignShare === undefined ? {} : { foreignCpuUs: foreignShare * 1e6 }),
  };
  const marks = { start: statsAt({ atUs: 0, runQueueWaitUs: 5000 }), end: statsAt({ atUs: 1e6, runQueueWaitUs: 5000 + serverWait * 1e6 }) };
  const result = { data: { rtt: encodeHistogram(createHistogram()) }, delivery: { sent: 1, delivered: 1, lost: 0, duplicated: 0, reordered: 0 }, health };
  return describedOrThrow({ trial, client: 'node', transport: 'ws', scenario: 'echo', job: jobOf('echo'), status: 'ok', result, marks });
}

describe('a machine busy with other work', () => {
  it('is a figure of every point and a warning naming the points where either process waited 5% or more', () => {
    const points = [point(1, 0.12, 0.01), point(2, 0.001, 0.002), point(3, undefined, 0.08)];
    const figure = (i: number, metric: string) => points[i]?.figures.find((f) => f.metric === metric)?.value;
    expect(figure(0, 'load_wait_pct')).toBeCloseTo(12);
    expect(figure(0, 'server_wait_pct')).toBeCloseTo(1);
    // a kernel that does not count the wait: no figure, not 0
    expect(figure(2, 'load_wait_pct')).toBeUndefined();
    const lines = warningsSection({ points, calibration: [] } as unknown as RunRecord).filter((l) => l.includes('machine was busy'));
    expect(lines).toEqual([expect.stringContaining('in 2 of 3 points')]);
    expect(lines[0]).toContain('echo / ws (trial 1; load 12%, server 1%)');
    expect(lines[0]).toContain('echo / ws (trial 3; load ?, server 8%)');
    expect(lines[0]).not.toContain('trial 2');
  });

  it('is no busy machine where no other process used the cores: the point\'s processes waited for each other', () => {
    const points = [point(1, 0.12, 0.01, 0), point(2, 0.12, 0.01, 0.5)];
    expect(points[0]?.figures.find((f) => f.metric === 'foreign_cpu_pct')?.value).toBe(0);
    expect(points[1]?.figures.find((f) => f.metric === 'foreign_cpu_pct')?.value).toBeCloseTo(50);
    const lines = warningsSection({ points, calibration: [] } as unknown as RunRecord).filter((l) => l.includes('machine was busy'));
    expect(lines).toEqual([expect.stringContaining('in 1 of 2 points')]);
    expect(lines[0]).toContain('trial 2');
    expect(lines[0]).not.toContain('trial 1');
  });
});
