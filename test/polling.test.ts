import type { AddressInfo, Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { POLL_INTERVAL_MS, connect } from '../clients/polling.ts';
import { create } from '../servers/polling.ts';
import { Hub } from '../servers/hub.ts';
import { DEFAULT_LIMITS } from '../servers/limits.ts';
import { ByteMeter } from '../servers/byte-meter.ts';
import { eventually, sleep, startServer, type RunningServer } from './helpers/transport-harness.ts';

/** The behaviour shared with every transport is in contract.test.ts; this is what only short polling does. */
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const noop = () => {};

describe('polling', () => {
  it('keeps asking while idle, and answers every poll at once', async () => {
    server = await startServer('polling');
    const conn = await connect({ host: '127.0.0.1', port: server.port, onMessage: noop });
    server.meter.reset();
    server.meter.startCapture();
    await sleep(POLL_INTERVAL_MS * 6);
    const [, down] = server.meter.stopCapture().map((c) => c.written.toString('latin1'));
    await conn.close();
    // about six polls in six intervals: never bounds on timing, only that it kept asking
    const answers = (down ?? '').match(/HTTP\/1\.1 200 OK/g) ?? [];
    expect(answers.length).toBeGreaterThanOrEqual(2);
    expect(down).toMatch(/\r\n\r\n\[\]/);
  });

  it('stops asking once closed', async () => {
    server = await startServer('polling');
    const conn = await connect({ host: '127.0.0.1', port: server.port, onMessage: noop });
    await sleep(POLL_INTERVAL_MS * 2);
    await conn.close();
    const running = server;
    await eventually(() => running.meter.read().connectionsOpen === 0, 3000, 'client sockets closed');
    const after = server.meter.read().bytesRead;
    await sleep(POLL_INTERVAL_MS * 4);
    expect(server.meter.read().bytesRead).toBe(after);
    expect(server.hub.size).toBe(0);
  });

  it('forgets a client that stops polling without saying goodbye', async () => {
    const limits = { ...DEFAULT_LIMITS, absentPeerMs: 100, sweepIntervalMs: 20 };
    const hub = new Hub(limits);
    const transport = create(hub);
    const meter = new ByteMeter();
    const listener = transport.listener as Server; // polling's is node:http's
    meter.attach(listener);
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address() as AddressInfo;
    try {
      // a client that opens and never polls: as one that vanished without POST /close
      const opened = await fetch(`http://127.0.0.1:${port}/open?id=gone`, { method: 'POST' });
      expect(opened.status).toBe(204);
      expect(hub.size).toBe(1);
      await eventually(() => hub.size === 0, 3000, 'absent client forgotten');
    } finally {
      await transport.close();
    }
  });
});

