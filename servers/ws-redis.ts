import type { Hub } from './hub.ts';
import { redisPubSubRelay, serviceUrl } from './relay.ts';
import type { ServerTransport } from './transport.ts';
import { create as createWs } from './ws.ts';

/**
 * `ws-redis`: the `ws` server of `ws`, one per process, its broadcasts fanned out to the other processes
 * through Redis pub/sub (servers/relay.ts). Without a Redis address (WIREBENCH_REDIS_URL) it is a cluster
 * of one, which needs no relay: the in-process tests run it so; the bench always gives it Redis.
 */
export function create(hub: Hub): ServerTransport {
  const base = createWs(hub);
  const url = serviceUrl('redis');
  if (!url) return base;
  const relay = redisPubSubRelay(hub, url);
  hub.relay = relay;
  return {
    listener: base.listener,
    ready: () => relay.ready(),
    close: async () => {
      await base.close();
      await relay.close();
    },
  };
}
