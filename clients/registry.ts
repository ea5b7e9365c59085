import type { ClientModule } from './transport.ts';

/** Transport name -> its Node client module, loaded on demand. */
export const CLIENTS: Record<string, () => Promise<ClientModule>> = {
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
