import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { createServer, type Http2Session } from 'node:http2';
import { Duplex } from 'node:stream';
import { isRecorded } from './byte-meter.ts';
import { closeListener } from './close-listener.ts';
import type { AnyRequestListener } from './http-request.ts';

/** A node:http2 server behind the node:net server that accepts its connections, and what closes both. */
export interface Http2Listener {
  /** the server that accepts every TCP connection (the one the ByteMeter counts) */
  readonly server: Server;
  /** Stops listening and ends every session, as closeListener does for node:http's keep-alive sockets. */
  close(): Promise<void>;
}

/**
 * A cleartext HTTP/2 server (h2c, prior knowledge: no TLS and no HTTP/1.1 upgrade), with node:http2's
 * defaults, answering through its compatibility API so that the hand-built routes serve HTTP/1.1 and
 * HTTP/2 alike. Every request of a client is a stream of its one session, on one TCP connection; the
 * ByteMeter counts that connection as any other (node:http2 keeps the socket's counters, HPACK and
 * frame headers included).
 *
 * A node:net server accepts the connections and hands each to the HTTP/2 server (node's documented
 * `emit('connection')`), a microtask later: after every 'connection' listener, the ByteMeter's among
 * them, has seen it. node:http2 then drives the socket's handle from C++, past any JS hook, so a socket
 * a capture window has hooked is handed over behind a JS stream instead, on which its bytes stay
 * visible for the rest of its life (slower, as capturing is anyway; nothing timed runs while capturing).
 *
 * node:http2 has no headersTimeout or requestTimeout (node:http's slowloris guards): a request whose body
 * never ends holds its own stream, within the session's maxSessionMemory (10 MB by default), and a peer
 * that sends anything but the HTTP/2 preface is closed by nghttp2 at its first wrong byte. A timer per
 * stream would cost one per message (every POST is a stream), so none is added.
 */
export function createH2cServer(handler: AnyRequestListener): Http2Listener {
  const http2 = createServer({}, handler);
  const sessions = new Set<Http2Session>();
  http2.on('session', (session: Http2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  const server = createNetServer((socket) => {
    queueMicrotask(() => {
      if (!socket.destroyed) http2.emit('connection', isRecorded(socket) ? throughJs(socket) : socket);
    });
  });
  return {
    server,
    close: () => {
      const closed = closeListener(server);
      for (const session of sessions) session.destroy();
      return closed;
    },
  };
}

/** The socket behind a plain Duplex: node:http2 reads and writes it through JS (its JSStreamSocket), where a capture sees every byte. */
function throughJs(socket: Socket): Duplex {
  const duplex = new Duplex({
    read: () => void socket.resume(),
    write: (chunk: Buffer, encoding, callback) => void socket.write(chunk, encoding, callback),
    final: (callback) => void socket.end(callback),
    destroy: (error, callback) => {
      socket.destroy(error ?? undefined);
      callback(error);
    },
  });
  socket.on('data', (chunk: Buffer) => {
    if (!duplex.push(chunk)) socket.pause();
  });
  socket.once('end', () => duplex.push(null));
  socket.once('close', () => duplex.destroy());
  socket.on('error', (error) => duplex.destroy(error));
  return duplex;
}
