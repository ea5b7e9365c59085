import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

/**
 * The socket each SSE stream request went out on, by request path (`/events?id=<client id>`, unique
 * per connection), read from undici's diagnostics channel: fetch, under EventSource, never shows its
 * sockets, and aborting a fetch leaves the socket open, which is not what a network failure does.
 * Subscribed on first use; costs one map write per stream request, nothing per message.
 */
const byPath = new Map<string, Socket>();
let subscribed = false;

interface SendHeaders {
  request: { path: string };
  socket: Socket;
}

function watch(): void {
  if (subscribed) return;
  subscribed = true;
  subscribe('undici:client:sendHeaders', (message) => {
    const { request, socket } = message as SendHeaders;
    if (!request.path.includes('/events?')) return;
    byPath.set(request.path, socket);
    socket.once('close', () => {
      if (byPath.get(request.path) === socket) byPath.delete(request.path);
    });
  });
}

/** Starts watching stream requests; call before the first EventSource of the process opens. */
export function watchStreamSockets(): void {
  watch();
}

/** Destroys the socket the stream at this path is on, if it is still open. */
export function destroyStreamSocket(path: string): void {
  byPath.get(path)?.destroy();
}
