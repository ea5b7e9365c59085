import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InterleavedYardstick } from '../bench/load/yardstick.ts';
import { pingPong } from '../bench/calibration/ping-pong.ts';

const SIZE = 64;

/**
 * A plain echo server, as the orchestrator's yardstick process runs one, that holds its reply to the
 * n-th message of each connection for `delayMs(n)`: round trips of known length, so that what is timed
 * (and what is not) can be told from the figures.
 */
async function delayingEcho(delayMs: (n: number) => number): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    let bytes = 0;
    let n = 0;
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      for (; bytes >= SIZE; bytes -= SIZE) {
        const wait = delayMs(n++);
        const reply = Buffer.alloc(SIZE, 120);
        if (wait === 0) socket.write(reply);
        else setTimeout(() => socket.write(reply), wait);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** The yardstick's 1,000 untimed warm-up round trips are answered at once, its timed ones after 2 ms. */
const YARDSTICK_WARMUP = 1000;
let slow: { server: Server; port: number };
beforeAll(async () => {
  slow = await delayingEcho((n) => (n < YARDSTICK_WARMUP ? 0 : 2));
});
afterAll(() => close(slow.server));

describe('the yardstick', () => {
  it('times its round trips in slices on one connection and counts their time as paused', async () => {
    const y = new InterleavedYardstick(slow.port, SIZE);
    await y.open();
    expect(y.result()).toBeUndefined();
    await y.slice(50);
    const afterOne = y.pausedUs;
    // 50 round trips of at least 2 ms each
    expect(afterOne).toBeGreaterThanOrEqual(50 * 2000);
    await y.slice(30);
    expect(y.pausedUs - afterOne).toBeGreaterThanOrEqual(30 * 2000);
    expect(y.pausedCpuUs).toBeGreaterThan(0);
    const r = y.result();
    expect(r).toMatchObject({ count: 80, slices: 2 });
    // the timed round trips only: the warm-up's were answered at once
    expect(r?.p50Us).toBeGreaterThanOrEqual(2000);
    expect(r?.p50Us).toBeLessThan(20_000);
    y.close();
    await expect(y.slice(1)).rejects.toThrow(/closed/);
  });

  it('the calibration ping-pong times its count apart from its warm-up, and its p99 is the slow tail', async () => {
    // warm-up (20) answered after 100 ms; of the 100 timed, every tenth after 8 ms, the rest at once
    const { server, port } = await delayingEcho((n) => (n < 20 ? 100 : (n - 20) % 10 === 0 ? 8 : 0));
    try {
      const r = await pingPong(port, SIZE, 20, 100);
      expect(r.count).toBe(100);
      // the median is an immediate answer, the 99th percentile one of the ten slow ones, and no
      // warm-up round trip (100 ms) is among them
      expect(r.p50Us).toBeLessThan(8000);
      expect(r.p99Us).toBeGreaterThanOrEqual(8000);
      expect(r.p99Us).toBeLessThan(50_000);
    } finally {
      await close(server);
    }
  });

  it('rejects a slice when the echo server is gone', async () => {
    const lone = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => lone.listen(0, '127.0.0.1', resolve));
    const y = new InterleavedYardstick((lone.address() as { port: number }).port, 64);
    await expect(y.open()).rejects.toThrow(/ping-pong/);
    y.close();
    await close(lone);
  });
});
