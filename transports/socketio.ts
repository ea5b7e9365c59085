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
  bytesUncountedOn: uncountedOnBunHttp,
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
