/**
 * Peers that misbehave in time rather than in content, for every transport: too slow to send, not
 * reading, or gone without a word. Each is timed out or dropped while a well-behaved client is served.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { MESSAGE_KINDS, encode } from '../protocol/envelope.ts';
import { TEST_LIMITS, rawConnect, startProxy, tryWrite, type Proxy, type RawSocket } from './helpers/abuse.ts';
import { TRANSPORTS, stillServed } from './helpers/served.ts';
import { connectRecording, eventually, sleep, startServer, type RecordingClient, type RunningServer } from './helpers/transport-harness.ts';

/** What a slowloris starts with, then dribbles out a byte at a time, never finishing. */
function slowStart(transport: string): string {
  return transport === 'tcp' ? 'e|slow|1|1|' : 'GET /events?id=slow HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ';
}

describe.each(TRANSPORTS)('%s: slow, silent and vanished peers', (transport) => {
  let server: RunningServer;
  const clients: RecordingClient[] = [];
  const proxies: Proxy[] = [];
  const raws: RawSocket[] = [];

  beforeEach(async () => {
    server = await startServer(transport, undefined, 0, TEST_LIMITS);
  });
  afterEach(async () => {
    for (const raw of raws.splice(0)) raw.socket.destroy();
    // proxies first: a stalled one would hold its clients' goodbyes forever
    await Promise.allSettled(proxies.splice(0).map((p) => p.close()));
    await Promise.allSettled(clients.splice(0).map((c) => c.conn.close()));
    await server.close();
  });

  async function client(port = server.port): Promise<RecordingClient> {
    const c = await connectRecording(transport, port);
    clients.push(c);
    return c;
  }
  async function proxied(): Promise<{ proxy: Proxy; client: RecordingClient }> {
    const proxy = await startProxy(server.port);
    proxies.push(proxy);
    return { proxy, client: await client(proxy.port) };
  }

  it('closes a slowloris connection within its timeout while a normal client is served', async () => {
    const good = await client();
    const slow = await rawConnect(server.port);
    raws.push(slow);
    tryWrite(slow, slowStart(transport));
    let closed = false;
    void slow.closed.then(() => (closed = true));
    // a byte every 50 ms: each arrives well inside any idle timeout, the whole never does
    for (let sent = 0; !closed && sent < 400; sent++) {
      tryWrite(slow, 'a');
      if (sent % 10 === 0) await stillServed(good);
      await sleep(50);
    }
    expect(closed).toBe(true);
  });

  it('disconnects a client that stops reading once its backlog passes maxBufferedBytes', async () => {
    const good = await client();
    const { proxy } = await proxied();
    await eventually(() => server.hub.size === 2, 5000, 'both clients joined');
    proxy.stall();
    // policy: the server never holds more than maxBufferedBytes (+ one message) for a peer that does not
    // read; past it the peer is disconnected. 64 KiB broadcasts reach both peers, the stalled one backs up;
    // random text, so that a transport that compresses (ws-deflate) backs up as much as the others
    const size = 64 * 1024;
    const body = randomBytes(size).toString('base64').slice(0, size - 32);
    const total = 6 * TEST_LIMITS.maxBufferedBytes + 32 * 1024 * 1024; // far past the limit and the kernel's buffers
    let sent = 0;
    for (; sent < total / size && server.hub.evicted === 0; sent++) {
      good.conn.send(encode({ kind: MESSAGE_KINDS.broadcast, sender: 'good', seq: sent, sentUs: 1, body }));
      if (sent % 16 === 15) await good.waitFor(sent + 1, 20_000); // the good client keeps up, so only one backs up
    }
    await eventually(() => server.hub.evicted === 1, 10_000, 'the stalled peer evicted');
    await eventually(() => server.hub.size === 1, 5000, 'only the good client left');
    await good.waitFor(sent, 20_000);
    await stillServed(good);
  });

  it('forgets a client whose connections are cut', async () => {
    const good = await client();
    const { proxy } = await proxied();
    await eventually(() => server.hub.size === 2, 5000, 'both clients joined');
    // let a polling client's next poll arrive: socket.io notices a lost peer by its pending poll, and
    // otherwise only by its heartbeat, 45 s later (a default that is part of what it costs)
    await sleep(200);
    proxy.cut();
    // connection transports see the close; HTTP polling ones forget a peer after absentPeerMs
    await eventually(() => server.hub.size === 1, 10_000, 'the vanished peer forgotten');
    await stillServed(good);
  });
});
