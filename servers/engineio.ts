import { Server, type ServerOptions, type Socket } from 'engine.io';
import type { Hub, Peer } from './hub.ts';
import { closeListener } from './close-listener.ts';
import { createHttpServer } from './http-request.ts';
import { maxFrameBytes } from './limits.ts';
import type { ServerTransport } from './transport.ts';

/** engine.io's packet events, which its typings leave to EventEmitter's `any`. */
interface EnginePacket {
  type: string;
  data?: unknown;
}

/**
 * Raw engine.io, the layer socket.io runs on, attached to a node:http server at its default path
 * (`/engine.io/`), with its defaults (heartbeats included) but for the message size limit and what
 * `options` says (the one transport its descriptor allows). No namespaces, rooms, acks or packet
 * encoding above it: a message is engine.io's `message` packet. Broadcast is the hub's loop over its
 * peers, as engine.io has none of its own (its docs loop over `server.clients`).
 */
export function create(hub: Hub, options: Partial<ServerOptions>): ServerTransport {
  const listener = createHttpServer(hub.limits);
  const engine = new Server({ ...options, maxHttpBufferSize: maxFrameBytes(hub.limits) });
  engine.attach(listener);
  engine.on('connection', (socket: Socket) => {
    // as in servers/socketio-server.ts: engine.io keeps packets, not bytes, until its transport drains
    let queued = 0;
    socket.on('drain', () => {
      queued = 0;
    });
    socket.on('packetCreate', ({ type, data }: EnginePacket) => {
      if (type !== 'message') return;
      queued += typeof data === 'string' ? data.length : ArrayBuffer.isView(data) ? data.byteLength : 0;
    });
    const peer: Peer = {
      send: (text) => socket.send(text),
      sendBinary: (data) => socket.send(data),
      buffered: () => queued,
      close: () => socket.close(true),
    };
    hub.join(peer);
    socket.on('message', (data: unknown) => {
      if (typeof data === 'string' || Buffer.isBuffer(data)) hub.receive(peer, data);
    });
    socket.on('close', () => hub.leave(peer));
  });
  return {
    listener,
    close: async () => {
      engine.close(); // closes every client
      await closeListener(listener);
    },
  };
}
