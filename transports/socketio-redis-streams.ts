import { defineVariant } from './descriptor.ts';
import { WEBSOCKET_ONLY } from './socketio.ts';
import socketioRedis from './socketio-redis.ts';

/**
 * socketio-redis with what connection state recovery needs on a cluster: `@socket.io/redis-streams-adapter`
 * (the pub/sub adapter keeps nothing, so recovery cannot work on it) and `connectionStateRecovery: {}`.
 * A client that comes back to either process gets the broadcasts it missed, read back from the stream.
 */
export default defineVariant(socketioRedis, {
  name: 'socketio-redis-streams',
  description: 'two socket.io processes on @socket.io/redis-streams-adapter with connectionStateRecovery: broadcasts through a Redis stream, missed ones replayed',
  server: async () => {
    const { create } = await import('../servers/socketio-redis-streams.ts');
    return (hub) => create(hub, { ...WEBSOCKET_ONLY, connectionStateRecovery: {} });
  },
  packages: ['socket.io', 'socket.io-client', '@socket.io/redis-streams-adapter', 'ioredis'],
  broadcast: '`io.emit` through `@socket.io/redis-streams-adapter`: appended to a Redis stream (XADD) that every process reads',
  recovery:
    'socket.io-client reconnects after 1 s ± 50 % with its session id and offset; the session is in Redis and the missed ' +
    'broadcasts are read back from the stream, whichever process the client reaches',
  notByDefault: 'a cluster: it needs Redis',
});
