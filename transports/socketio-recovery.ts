import { defineVariant } from './descriptor.ts';
import socketio, { WEBSOCKET_ONLY } from './socketio.ts';

/**
 * socket.io with `connectionStateRecovery: {}`, so with its defaults (maxDisconnectionDuration 2 min,
 * skipMiddlewares true): every event packet goes through the adapter, `socket.emit` to one socket (the
 * echo) too (socket.io/dist/socket.js), and the in-memory adapter appends an offset to it and keeps it
 * for two minutes, pruned once a minute (socket.io-adapter's SessionAwareAdapter); a client that comes
 * back within them sends its session id and last offset, and the server restores its rooms and sends
 * what it missed. The client needs nothing: socket.io-client 4.6+ keeps the offset and asks by itself.
 * On a cluster it needs an adapter that keeps packets too (@socket.io/redis-streams-adapter; the Redis
 * pub/sub adapter of socketio-redis does not).
 */
export default defineVariant(socketio, {
  name: 'socketio-recovery',
  description: 'socket.io (websocket transport) with connectionStateRecovery on: a client back within 2 min gets the broadcasts it missed',
  server: async () => {
    const { createSocketIo } = await import('../servers/socketio-server.ts');
    return (hub) => createSocketIo(hub, { ...WEBSOCKET_ONLY, connectionStateRecovery: {} });
  },
  micro: undefined,
  wireNote:
    'socketio-recovery appends an offset (a yeast id, about 10 B with its quotes and comma) to every event packet down, ' +
    'the echo too, and its server keeps every such packet for 2 to 3 minutes: memory grows with the message rate, not with connections',
  recovery:
    'socket.io-client reconnects after 1 s ± 50 % with its session id and last offset; the server (connectionStateRecovery, ' +
    'its defaults) replays every broadcast it missed within 2 min',
  notByDefault: 'a variant of socketio, run when named',
});
