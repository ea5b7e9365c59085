import { describe, expect, it } from 'vitest';
import { transportNamed } from '../transports/registry.ts';
import { OpenLoopConnection, closedLoopWarmUp } from '../bench/load/open-loop.ts';
import { startServer } from './helpers/transport-harness.ts';
import { startFromWarmUp } from '../bench/load/rate-search.ts';

/** A tcp server in this process, each message held `holdMs` (0: none), and `n` open-loop connections to it. */
async function setup(n: number, holdMs: number) {
  const server = await startServer('tcp');
  const receive = server.hub.receive.bind(server.hub);
  let seen = 0;
  server.hub.receive = (peer, text) => {
    seen++;
    if (holdMs === 0) return receive(peer, text);
    setTimeout(() => receive(peer, text), holdMs);
  };
  const connect = await transportNamed('tcp').client();
  const conns = Array.from({ length: n }, (_, i) => new OpenLoopConnection(`c${i}`));
  await Promise.all(conns.map((c) => c.open((onMessage) => connect({ host: '127.0.0.1', port: server.port, onMessage }))));
  return { conns, seen: () => seen, close: async () => Promise.allSettled([...conns.map((c) => c.close()), server.close()]) };
}

describe('the closed-loop warm-up of a capacity search', () => {
  it('gets its echoes back as fast as the transport answers, spread over the connections', async () => {
    const { conns, seen, close } = await setup(4, 0);
    try {
      const t0 = performance.now();
      const back = await closedLoopWarmUp(conns, { count: 4000, window: 16, maxMs: 5000, payloadBytes: 64 });
      expect(back).toBe(4000);
      expect(seen()).toBe(4000);
      // far sooner than its time cap: it is paced by the replies, not by a rate
      expect(performance.now() - t0).toBeLessThan(4000);
    } finally {
      await close();
    }
  });

  it('stops at its time cap on a slow transport and leaves nothing in flight for the search', async () => {
    // each echo held 50 ms: 2 connections × 4 in flight come back 160 a second, far from 10,000 in 0.3 s
    const { conns, seen, close } = await setup(2, 50);
    try {
      const t0 = performance.now();
      const back = await closedLoopWarmUp(conns, { count: 10_000, window: 4, maxMs: 300, payloadBytes: 64 });
      const took = performance.now() - t0;
      expect(back).toBeLessThan(200);
      expect(back).toBeGreaterThan(8);
      // those in flight at the cap came back (held 50 ms each) before it returned: nothing is left over for the search
      expect(back).toBe(seen());
      expect(took).toBeLessThan(300 * 2 + 200);
    } finally {
      await close();
    }
  });
});

describe('where a capacity search starts', () => {
  it('at half the warm-up\'s echo rate, two significant digits, never below the profile\'s start', () => {
    expect(startFromWarmUp(1000, 61_234)).toBe(30_000);
    expect(startFromWarmUp(1000, 97_000)).toBe(48_000);
    expect(startFromWarmUp(1000, 5_000)).toBe(2_500);
    expect(startFromWarmUp(1000, 1_500)).toBe(1000);
    expect(startFromWarmUp(1000, undefined)).toBe(1000);
    expect(startFromWarmUp(1000, Infinity)).toBe(1000);
  });
});
