import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InterleavedYardstick } from '../bench/load/yardstick.ts';
import { pingPong } from '../bench/calibration/ping-pong.ts';

/** A plain echo server on port 0, as the orchestrator's yardstick process runs one. */
let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the yardstick', () => {
  it('times its round trips in slices on one connection and counts their time as paused', async () => {
    const y = new InterleavedYardstick(port, 64);
    await y.open();
    expect(y.result()).toBeUndefined();
    await y.slice(50);
    const afterOne = y.pausedUs;
    expect(afterOne).toBeGreaterThan(0);
    await y.slice(30);
    expect(y.pausedUs).toBeGreaterThan(afterOne);
    expect(y.pausedCpuUs).toBeGreaterThan(0);
    const r = y.result();
    expect(r).toMatchObject({ count: 80, slices: 2 });
    expect(r?.p50Us).toBeGreaterThan(0);
    y.close();
    await expect(y.slice(1)).rejects.toThrow(/closed/);
  });

  it('the calibration ping-pong still times warm-up apart from its count', async () => {
    const r = await pingPong(port, 1024, 20, 100);
    expect(r.count).toBe(100);
    expect(r.p50Us).toBeGreaterThan(0);
    expect(r.p99Us).toBeGreaterThanOrEqual(r.p50Us);
  });

  it('rejects a slice when the echo server is gone', async () => {
    const lone = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => lone.listen(0, '127.0.0.1', resolve));
    const y = new InterleavedYardstick((lone.address() as { port: number }).port, 64);
    await expect(y.open()).rejects.toThrow(/ping-pong/);
    y.close();
    await new Promise<void>((resolve) => lone.close(() => resolve()));
  });
});
