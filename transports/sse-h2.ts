import { defineVariant } from './descriptor.ts';
import sse from './sse.ts';

/**
 * sse over HTTP/2: the same server routes on node:http2 (cleartext, h2c with prior knowledge, as loopback
 * allows) and the same `eventsource` client, whose fetch runs over a node:http2 session that carries the
 * POSTs too. One TCP connection per client instead of two, every request a stream of it, and every
 * header block HPACK-compressed against the session's earlier ones: a POST's `:path`, content-type and
 * the like shrink to a few bytes after the first. The byte counts are the socket's, so HTTP/2's frame
 * headers, SETTINGS and WINDOW_UPDATE frames are in them. A browser gets HTTP/2 over TLS on the same
 * port (its bytes then include TLS's records), and HTTP/1.1 is answered there too, for people and tools.
 */
export default defineVariant(sse, {
  name: 'sse-h2',
  description: 'SSE over HTTP/2 (node:http2; cleartext from Node, TLS from a browser): the event stream and a POST per message, streams of one session on one TCP connection',
  server: async () => {
    const { create } = await import('../servers/sse.ts');
    return (hub) => create(hub, { http2: true });
  },
  client: async () => (await import('../clients/sse.ts')).connectHttp2,
  socketsPerConnection: 1,
  wire: { kind: 'hand-built-http', down: 'event-stream', http2: true },
  // the same event-stream text as sse: its framing costs nothing new to measure per message
  micro: undefined,
  // a browser speaks HTTP/2 only over TLS: the same server answers it on the same port (servers/http2-server.ts);
  // every stream of a page shares one connection, so Chromium's 6 connections per host do not bind
  browser: { connector: 'EventSource', http: false, tls: true },
  wireNote:
    'one TCP connection carries the event stream and every POST as HTTP/2 streams; header blocks are HPACK-compressed ' +
    "against the session's dynamic table, so a POST's headers cost a few bytes after the first, and every frame has a 9 B header; " +
    "a browser's connection is TLS (a self-signed certificate made at run time), whose records add about 22 B each",
  notByDefault: 'a variant of sse, run when named',
});
