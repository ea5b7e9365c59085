import { connect as netConnect } from 'node:net';
import { once } from 'node:events';
import { LINE_END, LineSplitter, assertNoLineEnd } from '../protocol/line-framing.ts';
import type { ClientConnection, ClientOptions } from './transport.ts';

/** `tcp`: a node:net socket, one newline per message. */
export async function connect({ host, port, onMessage }: ClientOptions): Promise<ClientConnection> {
  const socket = netConnect({ host, port, noDelay: true });
  socket.setEncoding('utf8');
  const lines = new LineSplitter(onMessage);
  socket.on('data', (chunk: string) => lines.push(chunk));
  await once(socket, 'connect');
  return {
    send: (text) => {
      assertNoLineEnd(text);
      socket.write(text + LINE_END);
    },
    close: async () => {
      if (socket.destroyed) return;
      socket.end();
      await once(socket, 'close');
    },
  };
}
