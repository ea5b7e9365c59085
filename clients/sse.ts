import { EventSource, type FetchLike } from 'eventsource';
import { HttpChannel, newClientId, type HttpReply } from './http-channel.ts';
import { Http2Channel } from './http2-channel.ts';
import { destroyStreamSocket, watchStreamSockets } from './sse-sockets.ts';
import type { ClientConnection, ClientOptions, Connect } from './transport.ts';

/** What an SSE client's requests go over: its POSTs, and (over HTTP/2) its event stream too. */
interface SseChannel {
  request(method: 'GET' | 'POST', path: string, body?: string): Promise<HttpReply>;
  /** EventSource's fetch option */
  readonly fetch: FetchLike;
  close(): void;
  /** cuts every socket of the connection whose stream is at `streamPath`, as a network failure would */
  drop(streamPath: string): void;
}

/**
 * The stream goes over undici's own fetch, on an Agent per source address, for two reasons:
 * - a browser's EventSource keeps a silent stream open as long as the server does, while the runtime's
 *   fetch ends a body silent for 300 s (undici's bodyTimeout), and EventSource then asks again 3 s later:
 *   measured here, about 1% of 100,000 idle clients were between streams at any moment and missed a
 *   broadcast until its replay. `bodyTimeout: 0` is the browser's behaviour;
 * - the runtime's fetch cannot bind a source address, and a point that spreads its load over addresses
 *   needs it to (each stream is still on a socket of its own).
 */
const boundFetches = new Map<string, FetchLike>();
function streamFetch(localAddress: string | undefined): FetchLike {
  const key = localAddress ?? '';
  let bound = boundFetches.get(key);
  if (!bound) {
    const undici = import('undici').then(({ Agent, fetch }) => ({
      fetch,
      dispatcher: new Agent({ bodyTimeout: 0, ...(localAddress === undefined ? {} : { localAddress }) }),
    }));
    bound = (async (url, init) => {
      const { fetch, dispatcher } = await undici;
      return fetch(url, { ...init, dispatcher } as Parameters<typeof fetch>[1]);
    }) as FetchLike;
    boundFetches.set(key, bound);
  }
  return bound;
}

/** HTTP/1.1: the stream on a socket of its own, a keep-alive socket beside it for the POSTs. */
function http1Channel({ host, port, localAddress }: ClientOptions): SseChannel {
  const up = new HttpChannel(host, port, localAddress);
  watchStreamSockets();
  return {
    fetch: streamFetch(localAddress),
    request: (method, path, body) => up.request(method, path, body),
    close: () => up.close(),
    drop: (streamPath) => {
      destroyStreamSocket(streamPath);
      up.drop();
    },
  };
}

/** HTTP/2 (sse-h2): the stream and every POST, streams of one session on one socket. */
function http2Channel({ host, port, localAddress }: ClientOptions): SseChannel {
  const session = new Http2Channel(host, port, localAddress);
  return { request: (method, path, body) => session.request(method, path, body), fetch: session.fetch, close: () => session.close(), drop: () => session.drop() };
}

/**
 * `sse`: the `eventsource` package's EventSource downstream, with its defaults, and a keep-alive POST
 * per message upstream: SSE has no upstream of its own. EventSource recovers by itself: after a lost
 * stream it asks again (3 s later unless the server sent `retry:`) with the last event id it saw, and
 * the server replays what it missed (servers/sse-replay.ts). Closing tells the server with POST /close,
 * since a closed stream alone looks the same as a lost one.
 */
export const connect: Connect = (options) => connectOver(options, http1Channel(options));

/**
 * `sse-h2`: the same EventSource, given a fetch over node:http2 (its `fetch` option, which the package
 * offers for such uses), and the POSTs on the same session: one TCP connection per client.
 */
export const connectHttp2: Connect = (options) => connectOver(options, http2Channel(options));

function connectOver({ host, port, path: prefix = '/', onMessage, onReconnect }: ClientOptions, up: SseChannel): Promise<ClientConnection> {
  const id = newClientId();
  // a server the user wrote may serve the routes under a prefix (the URL's path): /chat/events, /chat/send
  const base = prefix.replace(/\/+$/, '');
  const path = `${base}/events?id=${id}`;
  const source = new EventSource(`http://${host}:${port}${path}`, { fetch: up.fetch });
  source.onmessage = (event) => onMessage(event.data);
  return new Promise((resolve, reject) => {
    // a first open that fails fails the connect (its cause in the message: EADDRNOTAVAIL, ECONNREFUSED):
    // EventSource would ask again every 3 s for ever; once open, it recovers by itself
    source.onerror = (event) => {
      source.close();
      up.close();
      reject(new Error(`sse connect: ${event.message ?? 'failed'}`));
    };
    source.onopen = () => {
      source.onopen = () => onReconnect?.();
      source.onerror = null;
      resolve({
        // a POST that fails loses its message; the scenario's delivery count records the loss
        send: (text) => void up.request('POST', `${base}/send?id=${id}`, text).catch(() => undefined),
        close: async () => {
          source.close();
          // a goodbye that fails leaves the server to forget the client after absentPeerMs
          await up.request('POST', `${base}/close?id=${id}`).catch(() => undefined);
          up.close();
        },
        drop: () => up.drop(path),
      });
    };
  });
}
