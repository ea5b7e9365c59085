import { defineTransport, uncountedOnBunHttp } from './descriptor.ts';
import { WITHOUT_WS_ADDONS } from './ws.ts';

/** engine.io's WebSocket transport alone, on both sides: what this transport (and its cluster) runs. */
export const WEBSOCKET_ONLY = { transports: ['websocket' as const] };

/** socket.io restricted to engine.io's WebSocket transport on both sides. */
export default defineTransport({
  name: 'socketio',
  description: "one WebSocket with engine.io's and socket.io's envelope: socket.io, websocket transport only",
  server: async () => {
    const { createSocketIo } = await import('../servers/socketio-server.ts');
    return (hub) => createSocketIo(hub, WEBSOCKET_ONLY);
  },
  client: async () => {
    const { connectSocketIo } = await import('../clients/socketio-client.ts');
    return (options) => connectSocketIo(options, WEBSOCKET_ONLY);
  },
  // the capacity search's load: socket.io's protocol on ws alone (socket.io-client cannot out-run the server)
  loadClient: async () => (await import('../clients/socketio-lean.ts')).connectSocketIoLean,
  bytesUncountedOn: uncountedOnBunHttp,
  // socket.io's cluster documentation: @socket.io/cluster-adapter between node:cluster workers; a
  // WebSocket-only client needs no sticky session (one connection, never a second request to route)
  nodeCluster: {
    how: 'node:cluster workers sharing one port on `@socket.io/cluster-adapter` (setupPrimary in the primary); WebSocket only, so no sticky sessions',
    primary: async () => (await import('@socket.io/cluster-adapter')).setupPrimary(),
    server: async () => {
      const [{ createSocketIo }, { createAdapter }] = await Promise.all([import('../servers/socketio-server.ts'), import('@socket.io/cluster-adapter')]);
      return (hub) => createSocketIo(hub, { ...WEBSOCKET_ONLY, adapter: createAdapter() });
    },
  },
  socketsPerConnection: 1,
  // the default parser sends a Buffer as an attachment (a text packet, then a binary one); msgpack in one
  binaryMessages: true,
  wire: { kind: 'websocket-frames', messages: 'engine.io' },
  micro: async () => (await import('./micro/text-cases.ts')).SOCKET_IO_CASES,
  packages: ['socket.io', 'socket.io-client'],
  // engine.io (both sides) runs on ws, which a socket.io install gives without its native add-ons
  env: WITHOUT_WS_ADDONS,
  browser: { connector: 'socket.io', engine: 'websocket', http: false },
  broadcast: '`io.emit` (the adapter encodes the packet once for every socket)',
  recovery: 'socket.io-client reconnects after 1 s ± 50 %',
  // engine.io's default pingInterval (25,000 ms), over either of its transports
  heartbeat: { what: 'a ping', seconds: 25 },
});
