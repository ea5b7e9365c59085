/**
 * What sse-h2 does that the contract cannot see: one TCP connection per client (the stream and every
 * POST are streams of one HTTP/2 session), HPACK making the POSTs after the first cheaper (against sse:
 * variants.test.ts), recovery over a new session, HTTP/2 requests a client may send that the sse routes
 * must refuse without harm, and the TLS and HTTP/1.1 paths on the same port.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { connect as http2Connect, constants, type ClientHttp2Session } from 'node:http2';
import { connectClient } from '../transports/start.ts';
import type { ClientConnection } from '../clients/transport.ts';
import { MESSAGE_KINDS, encodePadded } from '../protocol/envelope.ts';
import { MAX_MESSAGE_BYTES } from '../servers/limits.ts';
import { TEST_LIMITS, rawConnect, tryWrite } from './helpers/abuse.ts';
import { stillServed } from './helpers/served.ts';
import { connectRecording, eventually, startServer, type RecordingClient, type RunningServer } from './helpers/transport-harness.ts';

const echo = (seq: number) => encodePadded({ kind: MESSAGE_KINDS.echo, sender: 'h2', seq, sentUs: 1 }, 256);
const broadcast = (seq: number) => encodePadded({ kind: MESSAGE_KINDS.broadcast, sender: 'b', seq, sentUs: 1 }, 64);

let server: RunningServer;
const clients: ClientConnection[] = [];
const sessions: ClientHttp2Session[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) s.destroy();
  await Promise.allSettled(clients.splice(0).map((c) => c.close()));
  await server.close();
});

async function recording(transport: string): Promise<RecordingClient> {
  const c = await connectRecording(transport, server.port);
  clients.push(c.conn);
  return c;
}

/** The bytes the server read for one echo each, on one open connection. */
async function upBytesPerEcho(c: RecordingClient, count: number): Promise<number[]> {
  const bytes: number[] = [];
  for (let i = 0; i < count; i++) {
    const before = server.meter.read().bytesRead;
    c.conn.send(echo(i));
    await c.waitFor(c.received.length + 1);
    bytes.push(server.meter.read().bytesRead - before);
  }
  return bytes;
}

describe('sse-h2', () => {
  it.each([
    ['sse', 2],
    ['sse-h2', 1],
  ])('%s: a client with its stream and POSTs holds %i TCP connection(s)', async (transport, sockets) => {
    server = await startServer(transport);
    const c = await recording(transport);
    await upBytesPerEcho(c, 5);
    expect(server.meter.read()).toMatchObject({ connectionsAccepted: sockets, connectionsOpen: sockets });
  });

  it('HPACK: a POST after the first costs fewer bytes up than the first', async () => {
    server = await startServer('sse-h2');
    const [first = 0, , , last = 0] = await upBytesPerEcho(await recording('sse-h2'), 4);
    // the first POST's headers enter the session's dynamic table; the next ones name them by index
    expect(last).toBeLessThan(first);
    expect(last).toBeGreaterThan(256); // the message itself, never compressed
  });

  it('a dropped client comes back on a new session, and what it missed is replayed by Last-Event-ID', async () => {
    server = await startServer('sse-h2');
    let reconnects = 0;
    const cutGot: string[] = [];
    const cut = await connectClient('sse-h2', { host: '127.0.0.1', port: server.port, onMessage: (t) => cutGot.push(t), onReconnect: () => reconnects++ });
    clients.push(cut);
    const sender = await recording('sse-h2');
    await eventually(() => server.hub.size === 2, 3000, 'both joined');
    sender.conn.send(broadcast(0));
    await eventually(() => cutGot.length === 1, 3000, 'first event');
    cut.drop?.();
    await eventually(() => server.meter.read().connectionsOpen === 1, 3000, 'server sees the cut');
    for (let seq = 1; seq <= 5; seq++) sender.conn.send(broadcast(seq));
    await sender.waitFor(6, 3000);
    await eventually(() => reconnects === 1, 8000, 'reconnected');
    sender.conn.send(broadcast(6));
    await eventually(() => cutGot.length >= 7, 3000, 'replayed and new');
    expect(cutGot).toEqual([0, 1, 2, 3, 4, 5, 6].map(broadcast));
    expect(server.meter.read().connectionsOpen).toBe(2); // one each, the dropped one's new session included
  }, 15_000);

  it('refuses odd HTTP/2 requests stream by stream, keeping the session and other clients served', async () => {
    server = await startServer('sse-h2');
    const good = await recording('sse-h2');
    const raw = http2Connect(`http://127.0.0.1:${server.port}`);
    raw.on('error', () => undefined);
    sessions.push(raw);
    const status = (headers: Record<string, string>, body?: Buffer | string) =>
      new Promise<number>((resolve) => {
        const stream = raw.request(headers);
        stream.on('error', () => undefined);
        stream.once('response', (h) => resolve(Number(h[constants.HTTP2_HEADER_STATUS])));
        stream.once('close', () => resolve(-stream.rstCode));
        stream.resume();
        stream.end(body);
      });
    expect(await status({ ':path': '/events' })).toBe(400);
    expect(await status({ ':method': 'POST', ':path': '/send?id=nobody' }, 'x')).toBe(404);
    expect(await status({ ':method': 'PUT', ':path': '/events?id=abc' })).toBe(404);
    expect(await status({ ':method': 'POST', ':path': '/send?id=abc' }, 'x')).toBe(404);
    // a body over the limit: a 413 and this stream reset, the session left open
    const events = raw.request({ ':path': '/events?id=big' });
    events.resume();
    await eventually(() => server.hub.size === 2, 3000, 'the raw client joined');
    expect(await status({ ':method': 'POST', ':path': '/send?id=big' }, Buffer.alloc(MAX_MESSAGE_BYTES + 1, 'x'))).toBe(413);
    expect(raw.closed || raw.destroyed).toBe(false);
    await stillServed(good);
  });

  it('serves the same routes over TLS (h2 by ALPN, as a browser asks) and HTTP/1.1 on the same port', async () => {
    server = await startServer('sse-h2');
    const tls = http2Connect(`https://localhost:${server.port}`, { rejectUnauthorized: false }); // self-signed, made on first use
    tls.on('error', () => undefined);
    sessions.push(tls);
    const head = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const stream = tls.request({ ':path': '/events?id=tls' });
      stream.once('response', resolve);
      stream.once('error', reject);
    });
    expect(tls.alpnProtocol).toBe('h2');
    expect(head).toMatchObject({ ':status': 200, 'content-type': 'text/event-stream' });
    const http1 = await fetch(`http://127.0.0.1:${server.port}/events`); // no id: refused, by the same routes
    expect(http1.status).toBe(400);
    await eventually(() => server.hub.size === 1, 3000, 'the TLS client joined');
  });

  it('closes a connection that never says which protocol it speaks, as node:http closes one that sends no headers', async () => {
    server = await startServer('sse-h2', undefined, 0, TEST_LIMITS);
    const good = await recording('sse-h2');
    const silent = await rawConnect(server.port);
    const tellsLittle = await rawConnect(server.port);
    tryWrite(tellsLittle, 'P'); // PRI, POST, PUT or PATCH: one more byte would tell
    const started = Date.now();
    await Promise.all([silent.closed, tellsLittle.closed]);
    expect(Date.now() - started).toBeLessThan(TEST_LIMITS.headersTimeoutMs + 2000);
    await stillServed(good);
  });
});
