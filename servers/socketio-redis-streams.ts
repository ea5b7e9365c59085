import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';
import type { Hub } from './hub.ts';
import { serviceUrl } from './relay.ts';
import { createSocketIo } from './socketio-server.ts';
import type { ServerTransport } from './transport.ts';

const CONNECT_TIMEOUT_MS = 5_000;
const READY_POLL_MS = 20;
const READY_WITHIN_MS = 5_000;

/**
 * socket.io with `options` on `@socket.io/redis-streams-adapter`, one server per process, as its README
 * sets it up with ioredis: every broadcast is appended to a Redis stream which every process reads
 * (XREAD BLOCK), so a process that was away, or a client whose session moved, can read what it missed;
 * with connectionStateRecovery its sessions are kept in Redis too. Without a Redis address it is a
 * cluster of one on the in-memory adapter, as socketio-redis explains.
 */
export function create(hub: Hub, options: Partial<ServerOptions>): ServerTransport {
  const url = serviceUrl('redis');
  if (!url) return createSocketIo(hub, options);
  // the adapter duplicates this client for its blocking reads, name included: CLIENT LIST then shows when they block
  const name = `wirebench-streams-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const redis = new Redis(url, { connectTimeout: CONNECT_TIMEOUT_MS, maxRetriesPerRequest: 1, connectionName: name });
  redis.on('error', () => {}); // a failed start surfaces in ready()
  const base = createSocketIo(hub, { ...options, adapter: createAdapter(redis) });
  return {
    listener: base.listener,
    // the adapter reads the stream from `$` (what comes after its first XREAD): a broadcast appended before
    // that would be missed here, so the process is ready once one of its connections blocks in XREAD. It
    // also waits for the adapter's subscriber: the adapter drops the promise of its SUBSCRIBE, so a server
    // closed before that reply came rejected it unhandled ("Connection is closed") in the closing process.
    ready: async () => {
      const deadline = Date.now() + READY_WITHIN_MS;
      for (;;) {
        const ours = String(await redis.client('LIST')).split('\n').filter((line) => line.includes(`name=${name} `));
        const reading = ours.some((line) => line.includes('cmd=xread'));
        const subscribed = ours.some((line) => /\bsub=[1-9]/.test(line));
        if (reading && subscribed) return;
        if (Date.now() > deadline) throw new Error(`redis at ${url}: the streams adapter did not start reading within ${READY_WITHIN_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
      }
    },
    close: async () => {
      await base.close();
      await redis.quit().catch(() => {});
      redis.disconnect();
    },
  };
}
