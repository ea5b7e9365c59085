import { createServer, type Http2Server, type Http2Session } from 'node:http2';
import { closeListener } from './close-listener.ts';
import type { AnyRequestListener } from './http-request.ts';

/** A node:http2 server and what closes it for good. */
export interface Http2Listener {
  readonly server: Http2Server;
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
 * node:http2 has no headersTimeout or requestTimeout (node:http's slowloris guards): a request whose body
 * never ends holds its own stream, within the session's maxSessionMemory (10 MB by default), and a peer
 * that sends anything but the HTTP/2 preface is closed by nghttp2 at its first wrong byte. A timer per
 * stream would cost one per message (every POST is a stream), so none is added.
 */
export function createH2cServer(handler: AnyRequestListener): Http2Listener {
  const server = createServer({}, handler);
  const sessions = new Set<Http2Session>();
  server.on('session', (session: Http2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
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
