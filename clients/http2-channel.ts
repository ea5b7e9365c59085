import { connect, constants, type ClientHttp2Session, type ClientHttp2Stream, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http2';
import { connect as tcpConnect, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { FetchLike, FetchLikeResponse } from 'eventsource';
import type { HttpReply } from './http-channel.ts';

const TEXT_BODY = { 'content-type': 'text/plain; charset=utf-8' };

/**
 * One cleartext HTTP/2 session (h2c, prior knowledge) to the server, carrying every request of one
 * client as its own stream: the event stream (through `fetch`, which EventSource takes as an option)
 * and each POST beside it, all on one TCP connection, the headers HPACK-compressed against the earlier
 * ones. node:http2's client rather than undici's `allowH2`: undici speaks HTTP/2 only where TLS's ALPN
 * offers it, and node:http2 is what the runtime ships, with no package to add. A session that is lost
 * fails the streams on it; the next request opens a new one, as a browser does.
 *
 * POSTs are not serialized as HttpChannel's are (one HTTP/1.1 socket, one request at a time): each is
 * a stream, sent in the order they are made; of equal sizes (what a run sends) they also end in order.
 */
export class Http2Channel {
  #session: ClientHttp2Session | undefined;
  /** the session's own socket: node:http2 hands out only a proxy that refuses destroy() */
  #socket: Socket | undefined;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly localAddress?: string,
  ) {}

  #live(): ClientHttp2Session {
    const open = this.#session;
    if (open && !open.closed && !open.destroyed) return open;
    const { host, port, localAddress } = this;
    const socket = tcpConnect(localAddress === undefined ? { host, port } : { host, port, localAddress });
    this.#socket = socket;
    const session = connect(`http://${host}:${port}`, { createConnection: () => socket });
    // a lost session fails the streams on it, which report it to their callers: nothing more to do here
    session.on('error', () => undefined);
    session.once('close', () => {
      if (this.#session === session) this.#session = undefined;
    });
    this.#session = session;
    return session;
  }

  #open(method: 'GET' | 'POST', path: string, headers: OutgoingHttpHeaders): ClientHttp2Stream {
    return this.#live().request({ ...headers, [constants.HTTP2_HEADER_METHOD]: method, [constants.HTTP2_HEADER_PATH]: path });
  }

  request(method: 'GET' | 'POST', path: string, body?: string): Promise<HttpReply> {
    return new Promise((resolve, reject) => {
      let stream: ClientHttp2Stream;
      try {
        stream = this.#open(method, path, body === undefined ? {} : TEXT_BODY);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      let status = 0;
      const chunks: Buffer[] = [];
      stream.once('response', (headers: IncomingHttpHeaders) => (status = Number(headers[constants.HTTP2_HEADER_STATUS])));
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.once('end', () => resolve({ status, body: Buffer.concat(chunks).toString('utf8') }));
      stream.once('error', reject);
      // a stream reset before its answer (the session lost) ends without 'end' or 'error'
      stream.once('close', () => reject(new Error(`HTTP/2 stream closed (code ${stream.rstCode ?? 'none'})`)));
      stream.end(body);
    });
  }

  /** EventSource's fetch: a GET as a stream of this session, its body handed over as a web stream. */
  readonly fetch: FetchLike = (url, init) =>
    new Promise<FetchLikeResponse>((resolve, reject) => {
      const target = new URL(url);
      const headers: OutgoingHttpHeaders = {};
      // HTTP/2 header names are lower case (RFC 9113 8.2.1); EventSource writes `Accept`, `Last-Event-ID`
      for (const [name, value] of Object.entries(init.headers)) headers[name.toLowerCase()] = value;
      let stream: ClientHttp2Stream;
      try {
        stream = this.#open('GET', `${target.pathname}${target.search}`, headers);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      const signal = init.signal as AbortSignal | undefined;
      signal?.addEventListener('abort', () => stream.close(constants.NGHTTP2_CANCEL), { once: true });
      stream.once('error', reject);
      stream.once('close', () => reject(new Error('HTTP/2 stream closed before its answer')));
      stream.once('response', (head: IncomingHttpHeaders) => {
        const header = (name: string): string | null => {
          const value = head[name.toLowerCase()];
          return value === undefined ? null : String(value);
        };
        resolve({ url: target.href, status: Number(head[constants.HTTP2_HEADER_STATUS]), redirected: false, headers: { get: header }, body: Readable.toWeb(stream) });
      });
    });

  /** Ends the session (GOAWAY, then the socket closes once its streams have ended). */
  close(): void {
    this.#session?.close();
    this.#session = undefined;
  }

  /** Destroys the session's socket at once, with no GOAWAY, as a network failure would: every stream on it fails. */
  drop(): void {
    this.#socket?.destroy();
  }
}
