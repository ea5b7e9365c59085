import { reconnecting, type Link } from './reconnecting.ts';
import type { ClientConnection, ClientOptions } from './transport.ts';

/** The runtime's own WHATWG WebSocket (undici's in Node 22 and newer, Bun's own in Bun), if it has one. */
function builtinWebSocket(): typeof WebSocket {
  const ctor = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
  if (!ctor) throw new Error(`this runtime (node ${process.version}) has no global WebSocket without a flag: Node 22 or newer has one`);
  return ctor;
}

/**
 * `ws-builtin`'s client: the runtime's built-in WebSocket, as a script written for browsers uses it, with
 * its defaults (no package imported). It cannot drop a connection without the close handshake (the API
 * has no way to), so the churn scenario counts its drops as unsupported; with options.reconnect the suite
 * reopens after a loss, as for ws.
 */
export function connect(options: ClientOptions): Promise<ClientConnection> {
  const { host, port, path = '/', onMessage } = options;
  const Socket = builtinWebSocket();
  const open = async (onLost: () => void): Promise<Link> => {
    const socket = new Socket(`ws://${host}:${port}${path}`);
    socket.onmessage = (event: MessageEvent) => {
      if (typeof event.data === 'string') onMessage(event.data);
    };
    await new Promise<void>((resolve, reject) => {
      socket.onopen = () => resolve();
      // an error before open has no detail in this API: the close that follows has the code
      socket.onerror = () => reject(new Error(`WebSocket to ws://${host}:${port}${path} failed to open`));
    });
    let closing = false;
    const closed = new Promise<void>((resolve) => {
      socket.onclose = () => {
        resolve();
        if (!closing) onLost();
      };
    });
    socket.onerror = () => {}; // a reset socket: 'close' follows, and that is what counts
    return {
      // the API throws on a send before open and queues (counting bufferedAmount) after close: a send on a dead link is lost, as on any dead socket
      send: (text) => {
        if (socket.readyState === Socket.OPEN) socket.send(text);
      },
      close: async () => {
        closing = true;
        if (socket.readyState !== Socket.CLOSED) socket.close();
        await closed;
      },
    };
  };
  return reconnecting(open, options);
}
