import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServices, type StartedServices } from '../bench/services/service.ts';
import { redisInstalled } from '../bench/services/redis.ts';
import { MESSAGE_KINDS, decode, encodePadded } from '../protocol/envelope.ts';
import { serviceEnv } from '../servers/relay.ts';
import { connectRecording, startServer, type RecordingClient, type RunningServer } from './helpers/transport-harness.ts';

/**
 * Two servers of a Redis-backed transport, in this process but each with its own hub and Redis
 * connections, exactly as two server processes would be: a broadcast sent to one reaches the clients
 * of both, each exactly once. (The end-to-end run over two real processes is redis-fanout.test.ts.)
 */
const installed = redisInstalled();
if (!installed) process.stderr.write('redis-server is not installed: skipping the Redis relay tests (run scripts/install-redis.sh)\n');

const CLIENTS_PER_SERVER = 3;
const BROADCASTS = 20;

describe.skipIf(!installed).each(['ws-redis', 'socketio-redis'])('%s relay across two servers', (transport) => {
  let services: StartedServices;
  const servers: RunningServer[] = [];
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    services = await startServices(['redis']);
    Object.assign(process.env, services.env);
    for (let i = 0; i < 2; i++) servers.push(await startServer(transport));
  });
  afterAll(async () => {
    await Promise.allSettled(clients.splice(0).map((c) => c.conn.close()));
    await Promise.allSettled(servers.splice(0).map((s) => s.close()));
    delete process.env[serviceEnv('redis')];
    await services?.stop();
  });

  it('delivers every broadcast exactly once, in order, to the clients of both servers', async () => {
    for (const server of servers) {
      for (let i = 0; i < CLIENTS_PER_SERVER; i++) clients.push(await connectRecording(transport, server.port));
    }
    const [sender] = clients;
    for (let seq = 0; seq < BROADCASTS; seq++) {
      sender?.conn.send(encodePadded({ kind: MESSAGE_KINDS.broadcast, sender: 'room', seq, sentUs: 1 }, 64));
    }
    await Promise.all(clients.map((c) => c.waitFor(BROADCASTS, 10_000)));
    await new Promise((r) => setTimeout(r, 200)); // a duplicate would arrive within this
    for (const c of clients) expect(c.received.map((text) => decode(text)?.seq)).toEqual([...Array(BROADCASTS).keys()]);
    // each server sent to its own clients only: the relay crossed, the hubs did not double up
    for (const server of servers) expect(server.hub.messagesOut).toBe(BROADCASTS * CLIENTS_PER_SERVER);
  });
});
