import { Server, type ServerOptions } from 'socket.io';
import type { Hub, Peer } from './hub.ts';
import { closeListener } from './close-listener.ts';
import { createHttpServer } from './http-request.ts';
import { maxFrameBytes } from './limits.ts';
import type { ServerTransport } from './transport.ts';

/** socket.io's BINARY_EVENT packet type: an event whose arguments hold binary attachments. */
const BINARY_EVENT = '5';

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
    // the default parser sends a binary message as a text packet (`5<n>-...`, n attachments) and n binary ones
    let attachments = 0;
    socket.conn.on('packetCreate', (packet: { type: string; data?: unknown }) => {
      if (packet.type !== 'message') return;
      // text from the default parser, bytes from a binary one (socket.io-msgpack-parser) or an attachment
      const { data } = packet;
      if (typeof data === 'string') {
        attachments = data.startsWith(BINARY_EVENT) ? Number.parseInt(data.slice(1), 10) || 0 : 0;
        hub.countOut(1);
        queued += data.length;
      } else if (ArrayBuffer.isView(data)) {
        if (attachments > 0) attachments--;
        else hub.countOut(1);
        queued += data.byteLength;
      }
    });
    const peer: Peer = {
      send: (text) => socket.send(text),
      sendBinary: (data) => socket.send(data),
      buffered: () => queued,
      close: () => void socket.disconnect(true),
      countsOwnSends: true,
    };
    hub.join(peer);
    socket.on('message', (message: unknown) => {
      if (typeof message === 'string' || Buffer.isBuffer(message)) hub.receive(peer, message);
    });
    socket.on('disconnect', () => hub.leave(peer));
  });
  // socket.io's own broadcast: the packet is encoded once and handed to every socket (through the adapter,
  // which in a cluster publishes it to the other processes too)
  hub.broadcaster = (message) => {
    io.emit('message', message);
    return 0; // counted by each socket's engine as it writes the packet (packetCreate above)
  };
  return {
    listener,
    io,
    close: async () => {
      io.disconnectSockets(true);
      const closed = new Promise<void>((resolve) => void io.close(() => resolve()));
      // io.close ends with the HTTP server's close, which waits for every kept-alive connection, idle ones
      // for up to keepAliveTimeout (120 s): end them now, as closeListener does
      listener.closeAllConnections();
      await closed;
      await closeListener(listener);
    },
  };
}
