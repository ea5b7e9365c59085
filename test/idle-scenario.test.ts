import { describe, expect, it } from 'vitest';
import { linearFit } from '../bench/scenarios/idle/fit.ts';
import { capCounts } from '../bench/scenarios/idle/hold.ts';
import { idle } from '../bench/scenarios/idle/scenario.ts';
import { idleReport } from '../bench/scenarios/idle/report.ts';
import { IDLE_SIZES } from '../bench/scenarios/idle/sizes.ts';
import { jobOf, statsAt } from './helpers/records.ts';
import { runScenario } from './helpers/scenario-run.ts';

describe('idle scenario', () => {
  it('holds every connection and derives memory per connection and idle bytes', async () => {
    const rows = await runScenario('idle', ['tcp', 'polling'], 30);
    for (const transport of ['tcp', 'polling']) {
      expect(rows.value(transport, 'connections_held', 30)).toBe(30);
      expect(rows.value(transport, 'connect_failed', 30)).toBe(0);
      expect(rows.value(transport, 'server_sockets', 30)).toBeGreaterThanOrEqual(30);
      // a connection costs the server some heap (its socket, its peer, the library's state), far less than a MiB
      const heap = rows.value(transport, 'heap_per_conn_bytes', 30) ?? NaN;
      expect(heap, `${transport} heap per connection`).toBeGreaterThan(100);
      expect(heap).toBeLessThan(2 ** 20);
      // RSS moves in pages and with the allocator's whims: over 30 connections it is a slope where it rose, and unresolved where it fell
      const rss = rows.value(transport, 'rss_per_conn_bytes', 30);
      if (rss === undefined) expect(rows.value(transport, 'rss_per_conn_unresolved', 30)).toBe(1);
      else expect(rss).toBeGreaterThanOrEqual(0);
      expect(rows.value(transport, 'idle_window_us')).toBeGreaterThanOrEqual(IDLE_SIZES.ci.windowS * 1e6);
    }
    // raw TCP says nothing when idle; short polling asks many times a second
    expect(rows.value('tcp', 'idle_bytes_per_min')).toBe(0);
    expect(rows.value('polling', 'idle_bytes_per_min')).toBeGreaterThan(0);
  }, 90_000);

  it('derives heap and RSS per connection as the slopes through the marks, over the connections held', () => {
    // at none, at 100 and at 400 asked of which 380 were held: heap grows 2,000 B and RSS 12,000 B per held connection
    const at = (held: number) => statsAt({ heapUsedBytes: 1e7 + 2000 * held, rssBytes: 5e7 + 12_000 * held });
    const marks = { start: at(0), 'held:100': at(100), 'held:400': at(380), 'quiet:100': at(100), end: at(380) };
    const sizes = { counts: [100, 400], windowS: 1, heartbeats: 0 };
    const data = { held: [{ count: 100, held: 100, failed: 0 }, { count: 400, held: 380, failed: 20 }], capped: [] };
    const result = { data, health: { elapsedUs: 1, cpuUs: 0, loopDelayP99Us: 0, loopDelayMaxUs: 0 } };
    const figures = idle.figures({ job: jobOf('idle', { sizes }), sizes, result, marks });
    const figure = (metric: string) => figures.find((f) => f.metric === metric);
    expect(figure('heap_per_conn_bytes')).toMatchObject({ value: 2000, connections: 400 });
    expect(figure('rss_per_conn_bytes')).toMatchObject({ value: 12_000, connections: 400 });
    expect(figures.find((f) => f.metric === 'connect_failed' && f.connections === 400)?.value).toBe(20);
  });

  it('gives no RSS slope where RSS fell while connections were added, and the report says it cannot tell', () => {
    // ws in a default run here: 71.7 MB at none, 73.0 at 100, 69.3 at 400 (the slope would be -7,426 B)
    const at = (rssBytes: number) => statsAt({ heapUsedBytes: 5e6, rssBytes });
    const marks = { start: at(71.7e6), 'held:100': at(73.0e6), 'held:400': at(69.3e6), 'quiet:100': at(73e6), end: at(69.3e6) };
    const sizes = { counts: [100, 400], windowS: 1, heartbeats: 0 };
    const data = { held: [{ count: 100, held: 100, failed: 0 }, { count: 400, held: 400, failed: 0 }], capped: [] };
    const result = { data, health: { elapsedUs: 1, cpuUs: 0, loopDelayP99Us: 0, loopDelayMaxUs: 0 } };
    const figures = idle.figures({ job: jobOf('idle', { sizes }), sizes, result, marks });
    expect(figures.find((f) => f.metric === 'rss_per_conn_bytes')).toBeUndefined();
    expect(figures.find((f) => f.metric === 'rss_per_conn_unresolved')).toMatchObject({ value: 1, connections: 400 });
    const base = { runId: 'r', trial: 1, client: 'node', transport: 'ws', scenario: 'idle', payloadBytes: 64, connections: 400 };
    const rows = figures.map((f) => ({ ...base, connections: f.connections ?? 400, metric: f.metric, value: f.value, unit: f.unit }));
    const text = idleReport.section({ run: {} as never, rows, allRows: rows, sizes }).join('\n');
    expect(text).toContain("| ws | 0 | can't tell |");
    expect(text).toContain("RSS per connection of ws: can't tell at");
  });

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
