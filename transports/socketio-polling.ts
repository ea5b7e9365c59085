import { defineVariant } from './descriptor.ts';
import socketio from './socketio.ts';

/** socket.io over engine.io's HTTP long-polling fallback only (the Node client opens a new TCP connection per request). */
export default defineVariant(socketio, {
  name: 'socketio-polling',
  description: "engine.io's HTTP long-polling: socket.io, polling transport only",
  server: async () => {
    const { createSocketIo } = await import('../servers/socketio-server.ts');
    return (hub) => createSocketIo(hub, { transports: ['polling'] });
  },
  client: async () => {
    const { connectSocketIo } = await import('../clients/socketio-client.ts');
    return (options) => connectSocketIo(options, { transports: ['polling'] });
  },
  // a held poll, and a second request now and then (a send, a pong) on a connection of its own
  socketsPerConnection: 2,
  wire: { kind: 'engine.io-polling' },
  // the same encoder and parser as over WebSocket: the socketio rows say what they cost
  micro: undefined,
  // polling's requests must reach the worker that holds their session: that takes @socket.io/sticky, not set up here
  nodeCluster: undefined,
  browser: { connector: 'socket.io', engine: 'polling', http: true },
  wireNote:
    "engine.io gzips polling responses of 1 KiB and more when the request accepts it (socket.io's httpCompression, on by " +
    "default): a browser's requests do, the Node client's do not, so a browser gets fewer bytes down at larger sizes; the " +
    "suite's padding compresses far better than real data would",
});
