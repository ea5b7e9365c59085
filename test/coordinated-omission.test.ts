import { describe, expect, it } from 'vitest';
import { transportNamed } from '../transports/registry.ts';
import { createHistogram, summarize } from '../bench/stats/histogram.ts';
import { OpenLoopConnection, runOpenLoop } from '../bench/load/open-loop.ts';
import { startServer } from './helpers/transport-harness.ts';

const STALL_MS = 200;

/** Blocks the thread, as a GC pause or a slow handler does; a timer would not hold anything back. */
function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

describe('open loop and coordinated omission', () => {
  it('the corrected p99 shows a single 200 ms stall and the uncorrected one hides it', async () => {
    const server = await startServer('tcp');
    // stall once, a little into the run: the server and the sender share this thread, so the sends due
    // during the stall leave late, exactly the omission an uncorrected closed view would not see
    const receive = server.hub.receive.bind(server.hub);
    let seen = 0;
    server.hub.receive = (peer, text) => {
      if (++seen === 300) busyWait(STALL_MS);
      receive(peer, text);
    };
    const connect = await transportNamed('tcp').client();
    const conn = new OpenLoopConnection('c0');
    await conn.open((onMessage) => connect({ host: '127.0.0.1', port: server.port, onMessage }));
    const histograms = { corrected: createHistogram(), uncorrected: createHistogram() };
    try {
      const outcome = await runOpenLoop([conn], { ratePerS: 1000, durationS: 2, payloadBytes: 64, replyTimeoutMs: 3000 }, histograms);
      const corrected = summarize(histograms.corrected);
      const uncorrected = summarize(histograms.uncorrected);
      expect(outcome.delivery).toMatchObject({ sent: 2000, delivered: 2000, lost: 0 });
      // about 200 of 2000 sends (10%) were due during the stall: the corrected p99 carries most of it
      expect(corrected.p99).toBeGreaterThan(STALL_MS * 1000 * 0.5);
      expect(uncorrected.p99).toBeLessThan(STALL_MS * 1000 * 0.5);
      expect(outcome.lateSends).toBeGreaterThan(100);
    } finally {
      await conn.close();
      await server.close();
    }
  });
});
