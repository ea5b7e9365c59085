import type { Server as HttpServer } from 'node:http';
import { createSecureServer, createServer, type Http2SecureServer } from 'node:http2';
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { isRecorded } from './byte-meter.ts';
import { closeListener } from './close-listener.ts';
import { createHttpServer, type AnyRequestListener } from './http-request.ts';
import type { ServerLimits } from './limits.ts';
import { selfSignedCertificate } from './self-signed.ts';

/** The server that accepts every TCP connection (the one the ByteMeter counts), and what closes it for good. */
export interface Http2Listener {
  readonly server: HttpServer;
  close(): Promise<void>;
}

type Protocol = 'h2c' | 'tls' | 'http/1.1';

const TLS_HANDSHAKE = 0x16;
/** the client preface begins `PRI`; POST, PUT and PATCH begin with P too, and their second byte is never R */
const PREFACE_START = [0x50, 0x52];

/** What a connection speaks, by its first bytes; undefined while one byte more is needed to tell. */
function protocolOf(head: Buffer): Protocol | undefined {
  if (head[0] === TLS_HANDSHAKE) return 'tls';
  if (head[0] !== PREFACE_START[0]) return 'http/1.1';
  if (head.length < 2) return undefined;
  return head[1] === PREFACE_START[1] ? 'h2c' : 'http/1.1';
}

/**
 * One port for the same routes over HTTP/2, with node:http2's defaults, answering through its
 * compatibility API so that the hand-built routes serve every protocol alike:
 * - h2c (cleartext, prior knowledge), what the Node client speaks: every request of a client a stream of
 *   its one session, on one TCP connection;
 * - TLS with ALPN h2, what a browser needs for HTTP/2 at all: a self-signed certificate made on the
 *   first such connection (servers/self-signed.ts), so that a run without a browser needs no openssl;
 * - HTTP/1.1, for people and tools (`npm run serve`'s page and stats endpoint, curl): node:http with the
 *   suite's slowloris timeouts, as the sse transport runs.
 * The first bytes of a connection tell which (the client speaks first in all three); they are put back
 * and the socket handed to that server: node:http, node:http2 and node:tls each read what was put back.
 *
 * node:http2 drives a socket's handle from C++, past any JS hook, so a socket a capture window has
 * hooked (servers/byte-meter.ts) is handed over behind a JS stream instead, on which its bytes stay
 * visible for the rest of its life (slower, as capturing is anyway; nothing timed runs while capturing).
 * The TLS path is never so: its bytes are ciphertext, and the breakdown could not read them anyway.
 *
 * node:http2 has no headersTimeout or requestTimeout (node:http's slowloris guards): a request whose body
 * never ends holds its own stream, within the session's maxSessionMemory (10 MB by default), and a peer
 * whose preface is wrong is closed by nghttp2 at its first wrong byte. A timer per stream would cost one
 * per message (every POST is a stream), so none is added.
 */
export function createSseH2Server(limits: ServerLimits, handler: AnyRequestListener): Http2Listener {
  const server = createHttpServer(limits, handler);
  const http1 = server.listeners('connection');
  server.removeAllListeners('connection');
  // every protocol's requests go through node:http's 'request' listeners, so that what is mounted there
  // (serve's page and stats endpoint, servers/page/route.ts) answers over HTTP/2 too: one emit a request
  const viaServer: AnyRequestListener = (req, res) => void server.emit('request', req, res);
  const h2c = createServer({}, viaServer);
  let secure: Promise<Http2SecureServer> | undefined;
  const sockets = new Set<Socket>();

  const handOver = (socket: Socket, protocol: Protocol): void => {
    if (protocol === 'http/1.1') {
      for (const listener of http1) Reflect.apply(listener, server, [socket]);
      return;
    }
    // node:http accepts its sockets half-open (it ends them itself); node:http2 and node:tls rely on a
    // socket that ends when its peer does, as their own servers make them, or a cut peer is never seen
    socket.allowHalfOpen = false;
    if (protocol === 'h2c') {
      // node:http2 reads what was put back itself, on the next tick
      h2c.emit('connection', isRecorded(socket) ? throughJs(socket) : socket);
    } else {
      secure ??= selfSignedCertificate().then(({ key, cert }) => createSecureServer({ key, cert }, viaServer));
      secure.then(
        (tls) => tls.emit('connection', socket),
        (error: unknown) => {
          process.emitWarning(`sse-h2: no TLS for a browser: ${error instanceof Error ? error.message : String(error)}`);
          socket.destroy();
        },
      );
    }
  };

  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // a peer that says nothing has no server to time it out yet: headersTimeoutMs, as node:http gives one
    socket.setTimeout(limits.headersTimeoutMs, () => socket.destroy());
    // 'readable', not 'data': once it is taken off, the socket is in no flowing mode, as a fresh one is,
    // and what is put back waits for the server it goes to (node:http's 'data', node:http2's and node:tls's reads)
    let head: Buffer | undefined;
    const onReadable = () => {
      for (let chunk = socket.read() as Buffer | null; chunk !== null; chunk = socket.read() as Buffer | null) head = head ? Buffer.concat([head, chunk]) : chunk;
      const protocol = head && protocolOf(head);
      if (!head || protocol === undefined) return;
      socket.off('readable', onReadable);
      socket.setTimeout(0);
      socket.unshift(head);
      handOver(socket, protocol);
    };
    socket.on('readable', onReadable);
  });
  // every socket, whichever server it went to: node:http's closeAllConnections knows only its own
  return { server, close: () => closeListener(server, sockets) };
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
