/**
 * Size limits and malformed input, for every transport: what a peer sends can be refused, never crash
 * the server or stall its other clients.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { randomBytes } from 'node:crypto';
import { MAX_MESSAGE_BYTES } from '../servers/limits.ts';
import { TEST_LIMITS, WEBSOCKET_PATHS, rawConnect, rawWebSocket, tryWrite, wsFrame, type RawSocket } from './helpers/abuse.ts';
import { TRANSPORTS, echoOf, stillServed } from './helpers/served.ts';
import { connectRecording, eventually, startServer, type RecordingClient, type RunningServer } from './helpers/transport-harness.ts';

/** Broken by the rules of RFC 6455 itself, each of them: a server must hang up, not throw. */
const BROKEN_FRAMES: Record<string, Buffer> = {
  unmasked: wsFrame(1, Buffer.from('e|x|1|1|'), { mask: false }),
  'reserved bits': wsFrame(1, Buffer.from('e|x|1|1|'), { rsv: 7 }),
  'unknown opcode': wsFrame(3, Buffer.from('hi')),
  'invalid UTF-8 text': wsFrame(1, Buffer.from([0xc3, 0x28, 0xff, 0xfe])),
  'control frame over 125 bytes': wsFrame(9, Buffer.alloc(200, 1)),
  'fragmented control frame': wsFrame(8, Buffer.alloc(2), { fin: false }),
  'continuation with nothing to continue': wsFrame(0, Buffer.from('x')),
  // a 64-bit length of 2^63 - 1: nothing may try to allocate it
  'absurd length': Buffer.from([0x81, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4]),
};

/** What a library lets through by its own choice: not a crash, so not ours to forbid. */
const TOLERATED: Record<string, string[]> = {
  websocket: ['unmasked'], // WebSocket-Node does not insist that a client masks its frames
};

describe.each(TRANSPORTS)('%s: limits', (transport) => {
  let server: RunningServer;
  const clients: RecordingClient[] = [];
  const raws: RawSocket[] = [];

  beforeEach(async () => {
    server = await startServer(transport, undefined, 0, TEST_LIMITS);
  });
  afterEach(async () => {
    for (const raw of raws.splice(0)) raw.socket.destroy();
    await Promise.allSettled(clients.splice(0).map((c) => c.conn.close()));
    await server.close();
  });

  async function client(): Promise<RecordingClient> {
    const c = await connectRecording(transport, server.port);
    clients.push(c);
    return c;
  }
  async function raw(): Promise<RawSocket> {
    const r = await rawConnect(server.port);
    raws.push(r);
    return r;
  }

  it('echoes a message of exactly the size limit', async () => {
    const c = await client();
    const text = echoOf(MAX_MESSAGE_BYTES);
    c.conn.send(text);
    const [echo] = await c.waitFor(1, 20_000);
    expect(echo?.length).toBe(text.length);
  });

  it('refuses a message over the size limit and keeps serving another client', async () => {
    const good = await client();
    const receive = vi.spyOn(server.hub, 'receive');
    const big = echoOf(2 * MAX_MESSAGE_BYTES, 'big');
    if (transport === 'tcp') {
      // by hand: clients/tcp.ts has no 'error' listener, so the reset that ends the line would crash us
      const attacker = await raw();
      tryWrite(attacker, big + '\n');
      await attacker.closed;
      expect(attacker.received().trim()).toBe(''); // nothing but the server's empty "joined" line
    } else {
      const attacker = await client();
      const leave = vi.spyOn(server.hub, 'leave');
      attacker.conn.send(big);
      const after = echoOf(64, 'after');
      attacker.conn.send(after);
      // refused: the connection is closed, or (HTTP, one POST after the other) the next message is served
      await eventually(() => leave.mock.calls.length > 0 || attacker.received.includes(after), 20_000, 'refusal');
      expect(attacker.received.every((text) => text.length <= MAX_MESSAGE_BYTES)).toBe(true);
    }
    await stillServed(good);
    expect(receive.mock.calls.every(([, text]) => text.length <= MAX_MESSAGE_BYTES)).toBe(true);
  });

  it('survives garbage bytes on a raw socket', async () => {
    const good = await client();
    const garbage = [randomBytes(64 * 1024), Buffer.from('GET / HTTP/1.1\r\n\x00\xff\r\n\r\n'), Buffer.from('\r\n\r\n\r\n')];
    for (const bytes of garbage) {
      const r = await raw();
      tryWrite(r, bytes);
      r.socket.end(); // and a half-close: the server must still finish with it
    }
    await stillServed(good);
  });

  const path = WEBSOCKET_PATHS[transport];
  it.runIf(path !== undefined).each(Object.keys(BROKEN_FRAMES))('survives a broken frame (%s)', async (name) => {
    const good = await client();
    const r = await rawWebSocket(server.port, path ?? '/');
    raws.push(r);
    tryWrite(r, BROKEN_FRAMES[name] ?? Buffer.alloc(0));
    await stillServed(good);
    if (!TOLERATED[transport]?.includes(name)) await r.closed; // hung up, as the RFC asks
  });
});
