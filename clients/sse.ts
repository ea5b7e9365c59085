import { EventSource } from 'eventsource';
import { HttpChannel, newClientId } from './http-channel.ts';
import { destroyStreamSocket, watchStreamSockets } from './sse-sockets.ts';
import type { ClientConnection, ClientOptions } from './transport.ts';

/**
 * `sse`: the `eventsource` package's EventSource downstream, with its defaults, and a keep-alive POST
 * per message upstream: SSE has no upstream of its own. EventSource recovers by itself: after a lost
 * stream it asks again (3 s later unless the server sent `retry:`) with the last event id it saw, and
 * the server replays what it missed (servers/sse-replay.ts). Closing tells the server with POST /close,
 * since a closed stream alone looks the same as a lost one.
 */
export function connect({ host, port, path: prefix = '/', onMessage, onReconnect }: ClientOptions): Promise<ClientConnection> {
  const id = newClientId();
  // a server the user wrote may serve the routes under a prefix (the URL's path): /chat/events, /chat/send
  const base = prefix.replace(/\/+$/, '');
  const path = `${base}/events?id=${id}`;
  const up = new HttpChannel(host, port);
  watchStreamSockets();
  const source = new EventSource(`http://${host}:${port}${path}`);
  source.onmessage = (event) => onMessage(event.data);
  return new Promise((resolve, reject) => {
    source.onerror = (event) => {
      if (source.readyState !== EventSource.CLOSED) return; // EventSource retries by itself
      up.close();
      reject(new Error(`sse connect: ${event.message ?? 'failed'}`));
    };
    source.onopen = () => {
      source.onopen = () => onReconnect?.();
      resolve({
        // a POST that fails loses its message; the scenario's delivery count records the loss
        send: (text) => void up.request('POST', `${base}/send?id=${id}`, text).catch(() => undefined),
        close: async () => {
          source.close();
          // a goodbye that fails leaves the server to forget the client after absentPeerMs
          await up.request('POST', `${base}/close?id=${id}`).catch(() => undefined);
          up.close();
        },
        drop: () => {
          destroyStreamSocket(path);
          up.drop();
        },
      });
    };
  });
}
