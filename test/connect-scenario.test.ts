import { describe, expect, it } from 'vitest';
import { runScenario } from './helpers/scenario-run.ts';

/** The real CLI, in its own processes: a storm of 20 connections on two transports. */
describe('connect scenario', () => {
  it('opens every connection, times each handshake and counts its bytes', async () => {
    const rows = await runScenario('connect', ['ws', 'longpoll'], 20);
    for (const transport of ['ws', 'longpoll']) {
      expect(rows.value(transport, 'connect_opened')).toBe(20);
      expect(rows.value(transport, 'connect_failed')).toBe(0);
      expect(rows.value(transport, 'connect_p50')).toBeGreaterThan(0);
      expect(rows.value(transport, 'handshake_bytes_up')).toBeGreaterThan(0);
      expect(rows.value(transport, 'handshake_bytes_down')).toBeGreaterThan(0);
      expect(rows.connections(transport, 'connect_opened')).toBe(20);
    }
  }, 90_000);
});
