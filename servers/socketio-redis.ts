import { createAdapter } from '@socket.io/redis-adapter';
import type { ServerOptions } from 'socket.io';
import type { Hub } from './hub.ts';
import { RedisPair, serviceUrl } from './relay.ts';
import { createSocketIo } from './socketio-server.ts';
import type { ServerTransport } from './transport.ts';

/** The server-side event that carries a broadcast between the processes. */
const RELAY_EVENT = 'wb:broadcast';
/**
 * Subscribed after the adapter's own subscriptions on the same connection: Redis answers in order, so
 * once this one is confirmed, the adapter's are too (the adapter does not say when it is ready).
 */
const READY_PROBE = 'wirebench:ready';

/**
 * socket.io with `options` (its descriptor's), one server per process, on `@socket.io/redis-adapter`. A broadcast reaches the other
 * processes as the adapter's serverSideEmit (its Redis request channel) and each process's hub delivers it
 * with socket.send, as `socketio` does: only the hop through Redis differs, so the two compare fairly.
 * (io.emit would also change how the local sends are encoded and skip the hub's per-peer accounting.)
 * Without a Redis address it is a cluster of one, as ws-redis explains.
 */
export function create(hub: Hub, options: Partial<ServerOptions>): ServerTransport {
  const url = serviceUrl('redis');
  if (!url) return createSocketIo(hub, options);
  const redis = new RedisPair(url);
  const base = createSocketIo(hub, { ...options, adapter: createAdapter(redis.pub, redis.sub) });
  base.io.on(RELAY_EVENT, (text: unknown) => {
    if (typeof text === 'string') hub.deliver(text);
  });
  hub.relay = { publish: (text) => base.io.serverSideEmit(RELAY_EVENT, text) };
  return {
    listener: base.listener,
    ready: () => redis.ready(redis.sub.subscribe(READY_PROBE)),
    close: async () => {
      await base.close();
      await redis.close();
    },
  };
}
