import { defineVariant } from './descriptor.ts';
import socketio, { WEBSOCKET_ONLY } from './socketio.ts';

/**
 * socket.io with `perMessageDeflate: true` on its server (off by default since engine.io 4). engine.io
 * hands `{ threshold: 1024 }` to its ws server, where (as in ws-deflate) the threshold applies only
 * without context takeover, and engine.io 6.6's server sends every packet with ws's default `compress`:
 * so every message down is deflated, whatever its size. Upstream the Node client (engine.io-client,
 * `perMessageDeflate: { threshold: 1024 }` by default, which it also offers in every handshake) compresses
 * only packets of 1024 B and more: a 256 B message goes up as it is.
 */
export default defineVariant(socketio, {
  name: 'socketio-deflate',
  description: 'socket.io (websocket transport) with perMessageDeflate on: every packet down deflated, up only from 1024 B (the client\'s threshold)',
  server: async () => {
    const { createSocketIo } = await import('../servers/socketio-server.ts');
    return (hub) => createSocketIo(hub, { ...WEBSOCKET_ONLY, perMessageDeflate: true });
  },
  wire: { kind: 'websocket-frames', messages: 'engine.io', deflate: true },
  micro: undefined,
  wireNote:
    "socketio-deflate deflates every packet down (context takeover) and, from the Node client, only packets of 1024 B and more " +
    'up (engine.io-client\'s threshold); its polling transport, which this variant does not use, gzips HTTP bodies of 1 KiB and ' +
    "more by default (httpCompression) whatever perMessageDeflate says",
  notByDefault: 'a variant of socketio, run when named',
});
