import { describe, expect, it } from 'vitest';
import { MICRO_CASES, runMicro } from '../bench/micro/run-micro.ts';

/** Tiny budgets: this checks that every benchmark runs and reports, never how fast anything is. */
describe('micro benchmarks', () => {
  it('every case runs and returns finite numbers', async () => {
    const results = await runMicro({ payloadBytes: 64, timeMs: 1, samples: 3, warmupMs: 0, opsPerSample: 2 });
    expect(results.map((r) => `${r.transport} ${r.operation}`)).toEqual(MICRO_CASES.map((c) => `${c.transport} ${c.operation}`));
    for (const r of results) {
      expect(r.error).toBeUndefined();
      expect(Number.isFinite(r.nsPerOp) && r.nsPerOp > 0).toBe(true);
      expect(Number.isFinite(r.rmePct) && r.rmePct >= 0).toBe(true);
      expect(r.samples).toBeGreaterThanOrEqual(3);
    }
  });

  it('covers the framing of every transport family the issue names', () => {
    const transports = new Set(MICRO_CASES.map((c) => c.transport));
    for (const t of ['ws', 'websocket', 'socketio', 'sse', 'longpoll']) expect(transports.has(t)).toBe(true);
  });

  it('runs only the transports asked for, at a large payload too', async () => {
    const results = await runMicro({ payloadBytes: 65536, timeMs: 1, samples: 2, warmupMs: 0, opsPerSample: 1, transports: ['websocket'] });
    expect(new Set(results.map((r) => r.transport))).toEqual(new Set(['websocket']));
    for (const r of results) expect(Number.isFinite(r.nsPerOp)).toBe(true);
  });
});
