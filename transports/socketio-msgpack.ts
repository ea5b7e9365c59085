import { defineVariant } from './descriptor.ts';
import socketio, { WEBSOCKET_ONLY } from './socketio.ts';

/** The parser both sides must share: socket.io's own msgpack parser (notepack.io underneath). */
async function msgpackParser() {
  return await import('socket.io-msgpack-parser');
}

/**
 * socket.io with `socket.io-msgpack-parser` on both sides, as its README sets it up (`parser` on the
 * Server and in io()): every socket.io packet is one msgpack-encoded binary WebSocket message instead
 * of engine.io's `4` + JSON text, so our text rides as a msgpack string with no JSON escaping.
 */
export default defineVariant(socketio, {
  name: 'socketio-msgpack',
  description: 'socket.io (websocket transport) with socket.io-msgpack-parser on both sides: each packet one binary msgpack message',
  server: async () => {
    const [{ createSocketIo }, parser] = await Promise.all([import('../servers/socketio-server.ts'), msgpackParser()]);
    return (hub) => createSocketIo(hub, { ...WEBSOCKET_ONLY, parser });
  },
  client: async () => {
    const [{ connectSocketIo }, parser] = await Promise.all([import('../clients/socketio-client.ts'), msgpackParser()]);
    return (options) => connectSocketIo(options, { ...WEBSOCKET_ONLY, parser });
  },
  wire: { kind: 'websocket-frames', messages: 'socket.io-msgpack' },
  packages: [...socketio.packages, 'socket.io-msgpack-parser', 'notepack.io'],
  // the page's socket.io connector has no msgpack parser
  browser: undefined,
  notByDefault: 'a variant of socketio, run when named',
});
