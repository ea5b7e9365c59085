import { describe, expect, it } from 'vitest';
import { linearFit } from '../bench/scenarios/idle/fit.ts';
import { capCounts } from '../bench/scenarios/idle/hold.ts';
import { runScenario } from './helpers/scenario-run.ts';

describe('idle scenario', () => {
  it('holds every connection and derives memory per connection and idle bytes', async () => {
    const rows = await runScenario('idle', ['tcp', 'polling'], 30);
    for (const transport of ['tcp', 'polling']) {
      expect(rows.value(transport, 'connections_held', 30)).toBe(30);
      expect(rows.value(transport, 'connect_failed', 30)).toBe(0);
      expect(rows.value(transport, 'server_sockets', 30)).toBeGreaterThanOrEqual(30);
      expect(rows.value(transport, 'heap_per_conn_bytes')).toBeDefined();
      expect(rows.value(transport, 'idle_window_us')).toBeGreaterThan(0);
    }
    // raw TCP says nothing when idle; short polling asks many times a second
    expect(rows.value('tcp', 'idle_bytes_per_min')).toBe(0);
    expect(rows.value('polling', 'idle_bytes_per_min')).toBeGreaterThan(0);
  }, 90_000);

  it('fits a line through memory readings', () => {
    expect(linearFit([{ x: 0, y: 100 }, { x: 10, y: 300 }, { x: 20, y: 500 }])).toEqual({ slope: 20, intercept: 100 });
    expect(linearFit([{ x: 5, y: 1 }])).toBeUndefined();
  });

  it('caps a count under the open-files limit instead of refusing it', () => {
    expect(capCounts([1000, 5000, 10_000], 2, 20_000)).toEqual([1000, 5000, 9900]);
    expect(capCounts([1000, 5000, 10_000], 1, 20_000)).toEqual([1000, 5000, 10_000]);
    expect(capCounts([200, 1000], 2, undefined)).toEqual([200, 1000]);
  });
});
