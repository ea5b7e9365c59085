import { RETRY_FIRST_MS } from '../clients/backoff.ts';
import { defineTransport } from './descriptor.ts';
import { WEBSOCKET_ONLY } from './socketio.ts';
import { WITHOUT_WS_ADDONS } from './ws.ts';

/**
 * Raw engine.io on both sides (the versions socket.io 4.8.4 runs: engine.io 6.6, engine.io-client 6.6),
 * websocket transport only as `socketio`, so that socketio against engineio is socket.io's own cost.
 */
export default defineTransport({
  name: 'engineio',
  description: "one WebSocket with engine.io's envelope alone: raw engine.io and engine.io-client, websocket transport only",
  server: async () => {
    const { create } = await import('../servers/engineio.ts');
    return (hub) => create(hub, WEBSOCKET_ONLY);
  },
  client: async () => {
    const { connectEngineIo } = await import('../clients/engineio.ts');
    return (options) => connectEngineIo(options, WEBSOCKET_ONLY);
  },
  socketsPerConnection: 1,
  binaryMessages: true,
  wire: { kind: 'websocket-frames', messages: 'engine.io-raw' },
  packages: ['engine.io', 'engine.io-client'],
  env: WITHOUT_WS_ADDONS,
  broadcast: "the server's own loop over its sockets (engine.io has no broadcast; its docs loop over `server.clients`)",
  recovery: `reopens after ${RETRY_FIRST_MS} ms through the suite's own reconnect (engine.io-client does not reconnect: socket.io's Manager does)`,
  heartbeat: { what: 'a ping', seconds: 25 },
  comparedWith: 'socketio',
  notByDefault: 'raw engine.io, the layer under socketio: run when named',
});
