import { describe, expect, it } from 'vitest';
import { runScenario } from './helpers/scenario-run.ts';

/**
 * throughput, push and fanout through the real CLI on two transports each, at the ci profile's sizes
 * (push: 20 receivers × 2,000 messages; fanout: a room of 50, 50 broadcasts; throughput from 500 msg/s).
 * Delivery is asserted exactly; timings only for being there and sane, never for their size.
 */
describe('core scenarios', () => {
  it('push delivers every message of every stream, complete, over ws and longpoll', async () => {
    const rows = await runScenario('push', ['ws', 'longpoll'], 1);
    for (const t of ['ws', 'longpoll']) {
      expect(rows.value(t, 'sent', 20), `${t} sent`).toBe(40_000);
      expect(rows.value(t, 'delivered', 20), `${t} delivered`).toBe(40_000);
      expect(rows.value(t, 'lost'), `${t} lost`).toBe(0);
      expect(rows.value(t, 'duplicated')).toBe(0);
      const rate = rows.value(t, 'msgs_per_s', 20) ?? NaN;
      expect(rate).toBeGreaterThan(0);
      // the payload rate is the message rate times the 64 B message, and the wire carried at least that
      expect(rows.value(t, 'payload_bytes_per_s', 20)).toBeCloseTo(rate * 64, 0);
      expect(rows.value(t, 'wire_bytes_down_per_s', 20)).toBeGreaterThan(rate * 64);
    }
  }, 120_000);

  it('fanout reaches every member of the room exactly once, in order, over ws and sse', async () => {
    const rows = await runScenario('fanout', ['ws', 'sse'], 1);
    for (const t of ['ws', 'sse']) {
      expect(rows.value(t, 'sent', 50), `${t} expected`).toBe(2500);
      expect(rows.value(t, 'delivered', 50), `${t} delivered`).toBe(2500);
      for (const m of ['lost', 'duplicated', 'reordered']) expect(rows.value(t, m, 50), `${t} ${m}`).toBe(0);
      // a broadcast reaches its first member after at least the time it takes to cross loopback twice
      const first = rows.value(t, 'fanout_first_p50', 50) ?? 0;
      expect(first).toBeGreaterThan(1);
      expect(rows.value(t, 'fanout_last_p50', 50)).toBeGreaterThanOrEqual(first);
    }
  }, 120_000);

  it('throughput finds a limit, not a ceiling: the bracket of the last pass and the first failure is within 5%, over tcp and ws', async () => {
    const rows = await runScenario('throughput', ['tcp', 'ws'], 1);
    for (const t of ['tcp', 'ws']) {
      expect(rows.value(t, 'step_msgs_per_s'), `${t} first step`).toBeGreaterThan(0);
      if (rows.value(t, 'limit_machine_stalled') === 1) {
        // this shared machine kept the load process from a core: the search said so and ended, with a
        // stalled step run again (test/throughput-stall.test.ts); its bracket is not the transport's
        expect(rows.value(t, 'step_stalls'), `${t} stalled step retried`).toBeGreaterThan(0);
        continue;
      }
      const low = rows.value(t, 'capacity_bracket_low_per_s') ?? 0;
      const high = rows.value(t, 'capacity_bracket_high_per_s') ?? 0;
      expect(low, `${t} passed a step`).toBeGreaterThan(0);
      expect(high, `${t} failed a step above it`).toBeGreaterThan(low);
      expect((high - low) / low, `${t} bracket width`).toBeLessThanOrEqual(0.05);
      // the limit is what the last passing step delivered: close to its offered rate, never far above it
      const limit = rows.value(t, 'max_msgs_per_s') ?? 0;
      expect(limit).toBeGreaterThan(low * 0.9);
      expect(limit).toBeLessThanOrEqual(low * 1.05);
      expect(rows.value(t, 'max_limited_by_load')).toBeDefined();
    }
  }, 180_000);
});
