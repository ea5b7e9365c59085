import { describe, expect, it } from 'vitest';
import { throughput } from '../bench/scenarios/throughput/scenario.ts';
import type { ThroughputSizes } from '../bench/scenarios/throughput/sizes.ts';
import type { ThroughputStep } from '../bench/scenarios/throughput/result.ts';
import { createHistogram, encodeHistogram } from '../bench/stats/histogram.ts';
import { jobOf, statsAt } from './helpers/records.ts';

const SIZES: ThroughputSizes = { payloads: [64], connections: [1], startRate: 1000, stepS: 0.4, warmupS: 0, warmupEchoes: 0, resolution: 0.05, floorRate: 20, maxSteps: 24 };

/** A step of 0.4 s at `rate`, the load process at `loadShare` of its core. */
function step(rate: number, passed: boolean, loadShare: number): ThroughputStep & { passed: boolean } {
  const n = Math.round(rate * 0.4);
  const cost = { loadCpuUs: loadShare * 4e5, loadLoopDelayP99Us: 1000, wallUs: 4e5 };
  return { rate, offered: n, delivered: n, duplicated: 0, reordered: 0, late: 0, lagUs: 0, rtt: encodeHistogram(createHistogram()), elapsedUs: 4e5, cost, passed };
}

/** The search's figures where the failing step (index 1) had the server at `serverShare` of its core. */
function limitedByLoad(serverShare: number, loadShare: number): number | undefined {
  const search = { payloadBytes: 64, connections: 1, steps: [step(1000, true, 0.5), step(2000, false, loadShare)] };
  const marks = {
    'tp.64.1.1.start': statsAt({ atUs: 0, cpuUserUs: 0 }),
    'tp.64.1.1.end': statsAt({ atUs: 4e5, cpuUserUs: serverShare * 4e5 }),
  };
  const health = { elapsedUs: 1e6, cpuUs: 1e5, loopDelayP99Us: 1000, loopDelayMaxUs: 2000 };
  const figures = throughput.figures({ job: jobOf('throughput'), sizes: SIZES, result: { data: { searches: [search] }, health }, marks });
  return figures.find((f) => f.metric === 'max_limited_by_load')?.value;
}

describe('who set a capacity limit', () => {
  it('is the load process, a lower bound, only while the server still had room', () => {
    expect(limitedByLoad(0.6, 0.95)).toBe(1);
    // both at their cores: the server could not have carried more, so the limit is the server's
    expect(limitedByLoad(0.95, 0.95)).toBe(0);
    expect(limitedByLoad(0.6, 0.5)).toBe(0);
  });
});
