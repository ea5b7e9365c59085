import { describe, expect, it } from 'vitest';
import { runMicro, type MicroCases } from '../bench/scenarios/micro/run-micro.ts';
import { TRANSPORTS } from '../transports/registry.ts';

/** Every transport's own cases, from its descriptor. */
async function allCases(): Promise<MicroCases[]> {
  const groups: MicroCases[] = [];
  for (const t of TRANSPORTS) {
    const cases = await t.micro?.();
    if (cases) groups.push({ transport: t.name, cases });
  }
  return groups;
}

/** Tiny budgets: this checks that every benchmark runs and reports, never how fast anything is. */
describe('micro benchmarks', () => {
  it('every case runs and returns finite numbers', async () => {
    const groups = await allCases();
    const results = await runMicro(groups, { payloadBytes: 64, timeMs: 1, samples: 3, warmupMs: 0, opsPerSample: 2 });
    expect(results.map((r) => `${r.transport} ${r.operation}`)).toEqual(groups.flatMap((g) => g.cases.map((c) => `${g.transport} ${c.operation}`)));
    for (const r of results) {
      expect(r.error).toBeUndefined();
      expect(Number.isFinite(r.nsPerOp) && r.nsPerOp > 0).toBe(true);
      expect(Number.isFinite(r.rmePct) && r.rmePct >= 0).toBe(true);
      expect(r.samples).toBeGreaterThanOrEqual(3);
    }
  });

  it('covers the framing of every transport family the issue names', async () => {
    const transports = new Set((await allCases()).map((g) => g.transport));
    for (const t of ['ws', 'websocket', 'socketio', 'sse', 'longpoll']) expect(transports.has(t)).toBe(true);
  });

  it('runs only the transports asked for, at a large payload too', async () => {
    const websocket = (await allCases()).filter((g) => g.transport === 'websocket');
    const results = await runMicro(websocket, { payloadBytes: 65536, timeMs: 1, samples: 2, warmupMs: 0, opsPerSample: 1 });
    expect(new Set(results.map((r) => r.transport))).toEqual(new Set(['websocket']));
    for (const r of results) expect(Number.isFinite(r.nsPerOp)).toBe(true);
  });
});
