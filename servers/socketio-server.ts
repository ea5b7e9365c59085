import { Server, type ServerOptions } from 'socket.io';
import type { Hub, Peer } from './hub.ts';
import { closeListener } from './close-listener.ts';
import { createHttpServer } from './http-request.ts';
import { maxFrameBytes } from './limits.ts';
import type { ServerTransport } from './transport.ts';

/** The socket.io server itself too, for variants that extend it (an adapter's server-side events). */
export interface SocketIoTransport extends ServerTransport {
  readonly io: Server;
}

/**
 * socket.io on a node:http server with its defaults (heartbeats included: they are part of what
 * socket.io costs, and they reap dead peers) but for the message size limit and what `options` says (the
 * one engine.io transport a descriptor allows, an adapter). Messages travel as the library's own
 * `message` event (socket.send on both sides).
 */
export function createSocketIo(hub: Hub, options: Partial<ServerOptions>): SocketIoTransport {
  const listener = createHttpServer(hub.limits);
  const io = new Server(listener, { ...options, maxHttpBufferSize: maxFrameBytes(hub.limits) });
  io.on('connection', (socket) => {
    // engine.io queues packets while its transport is busy (a websocket write not yet taken by the
    // kernel, no poll waiting) and hands them over in one flush, its 'drain': what is queued is what
    // was written since then (a send or a broadcast alike), counted here because engine.io keeps packets, not bytes
    let queued = 0;
    socket.conn.on('drain', () => {
      queued = 0;
    });
    // engine.io says what it writes, a broadcast from this process's io.emit or from another's adapter alike
    socket.conn.on('packetCreate', (packet: { type: string; data?: unknown }) => {
      if (packet.type !== 'message') return;
      hub.countOut(1);
      // text from the default parser, bytes from a binary one (socket.io-msgpack-parser)
      const { data } = packet;
      queued += typeof data === 'string' ? data.length : ArrayBuffer.isView(data) ? data.byteLength : 0;
    });
    const peer: Peer = {
      send: (text) => socket.send(text),
      buffered: () => queued,
      close: () => void socket.disconnect(true),
      countsOwnSends: true,
    };
    hub.join(peer);
    socket.on('message', (text: unknown) => {
      if (typeof text === 'string') hub.receive(peer, text);
    });
    socket.on('disconnect', () => hub.leave(peer));
  });
  // socket.io's own broadcast: the packet is encoded once and handed to every socket (through the adapter,
  // which in a cluster publishes it to the other processes too)
  hub.broadcaster = (text) => {
    io.emit('message', text);
    return 0; // counted by each socket's engine as it writes the packet (packetCreate above)
  };
  return {
    listener,
    io,
    close: async () => {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await closeListener(listener);
    },
  };
}
