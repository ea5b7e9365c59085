import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { redisInstalled } from '../bench/services/redis.ts';
import { startServices, type StartedServices } from '../bench/services/service.ts';
import { TRANSPORTS as DESCRIPTORS } from '../transports/registry.ts';
import { thisRuntime } from '../bench/runtimes/catalog.ts';
import { MESSAGE_KINDS, decode, encode, encodePadded, encodePushBody } from '../protocol/envelope.ts';
import { connectRecording, eventually, sleep, startServer, type RecordingClient, type RunningServer } from './helpers/transport-harness.ts';

/**
 * One contract, run against every transport, in this process: a transport that cannot run on the
 * runtime the tests run on (bun-ws off Bun; ws-builtin on Node 20) is skipped, saying why. The cluster transports (socketio-redis, ws-redis) run with
 * a Redis of their own (redis-server, installed by scripts/install-redis.sh), relay and all: without one
 * they are their base transport, which would be tested twice and the relay never. Without redis-server
 * they are skipped, saying so.
 */
const TRANSPORTS = DESCRIPTORS.map((t) => [t.name, t.cluster?.services ?? [], t.unsupportedOn?.(thisRuntime())] as const);
for (const [name, , reason] of TRANSPORTS) if (reason) process.stderr.write(`skipping the contract over ${name} on this runtime: ${reason}\n`);
const redis = redisInstalled();
if (!redis) process.stderr.write('redis-server is not installed: skipping the contract over socketio-redis and ws-redis (run scripts/install-redis.sh)\n');

function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TCPWrap').length;
}

/** The count of TCP handles once the previous test's sockets have finished closing. */
async function settledTcpHandles(): Promise<number> {
  let last = -1;
  for (let n = tcpHandles(); n !== last; n = tcpHandles()) {
    last = n;
    await sleep(50);
  }
  return last;
}

describe.each(TRANSPORTS)('%s contract', (transport, services, unsupported) => {
  let server: RunningServer;
  const clients: RecordingClient[] = [];
  let running: StartedServices | undefined;
  const skip = (services.length > 0 && !redis) || unsupported !== undefined;

  beforeAll(async () => {
    if (services.length === 0 || skip) return;
    running = await startServices(services);
    Object.assign(process.env, running.env);
  });
  afterAll(async () => {
    for (const name of Object.keys(running?.env ?? {})) delete process.env[name];
    await running?.stop();
  });

  beforeEach(async (ctx) => {
    if (skip) return ctx.skip();
    server = await startServer(transport);
    // on its Redis: only then has its transport a relay or adapter to wait for (ServerTransport.ready)
    if (services.length > 0) expect(server.transport.ready).toBeDefined();
  });
  afterEach(async () => {
    if (skip) return;
    await Promise.allSettled(clients.splice(0).map((c) => c.conn.close()));
    await server.close();
  });

  async function client(): Promise<RecordingClient> {
    const c = await connectRecording(transport, server.port);
    clients.push(c);
    return c;
  }

  it('connects, and the server knows the client', async () => {
    await client();
    expect(server.hub.size).toBe(1);
    expect(server.meter.read().connectionsAccepted).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['ASCII', encodePadded({ kind: MESSAGE_KINDS.echo, sender: 'a', seq: 1, sentUs: 1 }, 64)],
    ['multi-byte UTF-8', encode({ kind: MESSAGE_KINDS.echo, sender: 'ü', seq: 2, sentUs: 2, body: 'héllo wörld ✓ 日本語 🎉 |x|' })],
    ['64 KiB', encodePadded({ kind: MESSAGE_KINDS.echo, sender: 'big', seq: 3, sentUs: 3 }, 64 * 1024)],
  ])('echoes %s text exactly', async (_label, text) => {
    const c = await client();
    c.conn.send(text);
    const [reply] = await c.waitFor(1);
    expect(reply).toBe(text);
  });

  it('broadcast reaches every one of 5 clients exactly once', async () => {
    const all = await Promise.all(Array.from({ length: 5 }, () => client()));
    await eventually(() => server.hub.size === 5, 3000, '5 clients joined');
    const text = encode({ kind: MESSAGE_KINDS.broadcast, sender: 'c0', seq: 9, sentUs: 9, body: 'to everyone' });
    all[0]?.conn.send(text);
    await Promise.all(all.map((c) => c.waitFor(1)));
    await sleep(200); // time for a duplicate to show up, if there were one
    for (const c of all) expect(c.received).toEqual([text]);
  });

  it('push-N arrives complete and in order', async () => {
    const c = await client();
    const count = 200;
    c.conn.send(encode({ kind: MESSAGE_KINDS.pushRequest, sender: 'c', seq: 7, sentUs: 0, body: encodePushBody(count, 100) }));
    const got = await c.waitFor(count);
    await sleep(100);
    expect(got).toHaveLength(count);
    got.forEach((text, i) => {
      expect(Buffer.byteLength(text)).toBe(100);
      expect(decode(text)).toMatchObject({ kind: 'd', sender: 's7', seq: i });
    });
  });

  it('close leaves no open handle, on either side', async () => {
    const before = await settledTcpHandles();
    const c = await client();
    await c.conn.close();
    clients.splice(clients.indexOf(c), 1);
    await eventually(() => server.meter.read().connectionsOpen === 0, 5000, 'server sees every connection closed');
    await eventually(() => server.hub.size === 0, 3000, 'server forgets the client');
    await eventually(() => tcpHandles() <= before, 5000, 'client process back to its TCP handles');
  });
});
