import { createAdapter } from '@socket.io/redis-adapter';
import type { ServerOptions } from 'socket.io';
import type { Hub } from './hub.ts';
import { RedisPair, serviceUrl } from './relay.ts';
import { createSocketIo } from './socketio-server.ts';
import type { ServerTransport } from './transport.ts';

/**
 * Subscribed after the adapter's own subscriptions on the same connection: Redis answers in order, so
 * once this one is confirmed, the adapter's are too (the adapter does not say when it is ready).
 */
const READY_PROBE = 'wirebench:ready';

/**
 * socket.io with `options` (its descriptor's), one server per process, on `@socket.io/redis-adapter`, as
 * socket.io's cluster documentation sets it up: a broadcast is io.emit, which the adapter encodes once,
 * hands to this process's sockets and publishes on its Redis channel for the other processes to hand to
 * theirs. Without a Redis address it is a cluster of one, as ws-redis explains.
 */
export function create(hub: Hub, options: Partial<ServerOptions>): ServerTransport {
  const url = serviceUrl('redis');
  if (!url) return createSocketIo(hub, options);
  const redis = new RedisPair(url);
  // the adapter's own broadcast channel carries io.emit to the other processes (createSocketIo's broadcaster)
  const base = createSocketIo(hub, { ...options, adapter: createAdapter(redis.pub, redis.sub) });
  return {
    listener: base.listener,
    ready: () => redis.ready(redis.sub.subscribe(READY_PROBE)),
    close: async () => {
      await base.close();
      await redis.close();
    },
  };
}
