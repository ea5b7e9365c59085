import { once } from 'node:events';
import WebSocket from 'ws';
import { reconnecting, type Link } from './reconnecting.ts';
import type { ClientConnection, ClientOptions } from './transport.ts';

/**
 * `ws`: the `ws` library's WebSocket client with its defaults. The library does not reconnect; with
 * options.reconnect the suite does (see reconnecting.ts).
 */
export function connect(options: ClientOptions): Promise<ClientConnection> {
  const { host, port, path = '/', onMessage, binary = false } = options;
  const open = async (onLost: () => void): Promise<Link> => {
    const socket = new WebSocket(`ws://${host}:${port}${path}`);
    socket.on('message', (data, isBinary) => {
      if (!isBinary) onMessage(data.toString());
      else if (binary) onMessage((data as Buffer).toString('latin1'));
    });
    await once(socket, 'open');
    let closing = false;
    socket.on('error', () => {}); // a dropped or reset socket: 'close' follows, and that is what counts
    socket.once('close', () => {
      if (!closing) onLost();
    });
    return {
      // a send while the link is down is lost, as on any dead socket; ws drops it without throwing
      send: (text) => socket.send(text),
      sendBinary: (data) => socket.send(data),
      close: async () => {
        closing = true;
        if (socket.readyState === WebSocket.CLOSED) return;
        const closed = once(socket, 'close');
        socket.close();
        await closed;
      },
      drop: () => socket.terminate(),
    };
  };
  return reconnecting(open, options);
}
