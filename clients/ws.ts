import { once } from 'node:events';
import WebSocket from 'ws';
import type { ClientConnection, ClientOptions } from './transport.ts';

/** `ws`: the `ws` library's WebSocket client with its defaults. */
export async function connect({ host, port, onMessage }: ClientOptions): Promise<ClientConnection> {
  const socket = new WebSocket(`ws://${host}:${port}/`);
  socket.on('message', (data, isBinary) => {
    if (!isBinary) onMessage(data.toString());
  });
  await once(socket, 'open');
  return {
    send: (text) => socket.send(text),
    close: async () => {
      if (socket.readyState === WebSocket.CLOSED) return;
      const closed = once(socket, 'close');
      socket.close();
      await closed;
    },
  };
}
