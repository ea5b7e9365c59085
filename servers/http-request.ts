import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { Hub, Peer } from './hub.ts';
import { MAX_MESSAGE_BYTES, type ServerLimits } from './limits.ts';

const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A request and its response on node:http, or on node:http2's compatibility API (sse-h2), which has the
 * same shape: the hand-built routes below serve both alike.
 */
export type AnyRequest = IncomingMessage | Http2ServerRequest;
export type AnyResponse = ServerResponse | Http2ServerResponse;
export type AnyRequestListener = (req: AnyRequest, res: AnyResponse) => void;

/**
 * A node:http server that times out slow peers: headers sent a byte a second (slowloris) or a body that
 * never ends are cut off after the limits' timeouts. Node checks them only every
 * connectionsCheckingInterval, so it is set to the sweep interval to make the timeouts mean what they say.
 * An upgraded connection (WebSocket) leaves these checks once its handshake is read.
 */
export function createHttpServer(limits: ServerLimits, handler?: RequestListener): Server {
  return createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.sweepIntervalMs,
    },
    handler,
  );
}

/** Path and client id of a request to `/path?id=...`; the id is checked, never trusted as anything else. */
export function route(req: AnyRequest): { path: string; id: string | undefined } {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const id = url.searchParams.get('id') ?? '';
  return { path: url.pathname, id: CLIENT_ID.test(id) ? id : undefined };
}

/** Reads a UTF-8 body up to maxBytes; undefined (and a 413 sent) when it is larger. */
export function readBody(req: AnyRequest, res: AnyResponse, maxBytes = MAX_MESSAGE_BYTES): Promise<string | undefined> {
  return new Promise((resolve) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const refuse = () => {
      chunks = [];
      req.removeListener('data', onData);
      req.resume(); // discard the rest, unbuffered, until the 413 is out and the connection closes
      if ('stream' in req) {
        // HTTP/2: only this request's stream ends (RST_STREAM once the answer is out, as RFC 9113 8.1
        // asks of a server that answers before the body's end); the session's other streams go on
        reply(res, 413, 'message too large');
        res.once('finish', () => req.stream.close());
      } else {
        // close after the answer: the rest of the body would otherwise be read as the next request
        res.setHeader('connection', 'close');
        reply(res, 413, 'message too large');
        res.once('finish', () => req.socket.destroySoon());
      }
      resolve(undefined);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return refuse();
      chunks.push(chunk);
    };
    if (Number(req.headers['content-length']) > maxBytes) return refuse();
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(undefined));
    // a request cut off (by the client, or by requestTimeout) before its end carries no message
    req.on('close', () => resolve(undefined));
  });
}

export function reply(res: AnyResponse, status: number, body?: string, type = 'text/plain; charset=utf-8'): void {
  if (res.headersSent) return;
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body);
}

/**
 * The upstream routes every hand-built HTTP transport shares: POST /send (one message, 204) and
 * POST /close (leave, 204). Answers and returns true when the request was one of them.
 */
export async function upstream(req: AnyRequest, res: AnyResponse, path: string, hub: Hub, peer: Peer, leave: () => void): Promise<boolean> {
  if (req.method !== 'POST') return false;
  if (path === '/send') {
    const text = await readBody(req, res, hub.limits.maxMessageBytes);
    if (text === undefined) return true;
    reply(res, 204);
    hub.receive(peer, text);
    return true;
  }
  if (path === '/close') {
    leave();
    reply(res, 204);
    return true;
  }
  return false;
}
