import { defineVariant } from './descriptor.ts';
import socketio, { WEBSOCKET_ONLY } from './socketio.ts';

/** socketio, one server per process on @socket.io/redis-adapter: only the server side is a cluster. */
export default defineVariant(socketio, {
  name: 'socketio-redis',
  description: 'two socket.io processes on @socket.io/redis-adapter: clients spread over both, broadcasts cross through Redis',
  server: async () => {
    const { create } = await import('../servers/socketio-redis.ts');
    return (hub) => create(hub, WEBSOCKET_ONLY);
  },
  cluster: { processes: 2, services: ['redis'] },
  packages: [...socketio.packages, '@socket.io/redis-adapter', 'ioredis'],
  broadcast: '`io.emit` through `@socket.io/redis-adapter`: encoded once, published on its Redis channel for the other process',
  notByDefault: 'a cluster: it needs Redis',
  micro: undefined,
  // a cluster of its own (through Redis), not a node:cluster of the base's
  nodeCluster: undefined,
  browser: undefined,
});
