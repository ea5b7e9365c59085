import type { ServerModule } from './transport.ts';

/** Transport name -> its server module, loaded on demand so one transport never loads another's library. */
export const SERVERS: Record<string, () => Promise<ServerModule>> = {
  tcp: () => import('./tcp.ts'),
  ws: () => import('./ws.ts'),
  websocket: () => import('./websocket.ts'),
  socketio: () => import('./socketio.ts'),
  'socketio-polling': () => import('./socketio-polling.ts'),
  longpoll: () => import('./longpoll.ts'),
  sse: () => import('./sse.ts'),
  polling: () => import('./polling.ts'),
  'socketio-redis': () => import('./socketio-redis.ts'),
  'ws-redis': () => import('./ws-redis.ts'),
};

/**
 * Transports that need a service the suite starts for them (Redis, from Debian's redis-server, see
 * scripts/install-redis.sh): they run when named with --transports, not by default.
 */
export const NEEDS_SERVICE: ReadonlySet<string> = new Set(['socketio-redis', 'ws-redis']);
