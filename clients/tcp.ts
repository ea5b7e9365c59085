import { connect as netConnect } from 'node:net';
import { once } from 'node:events';
import { LINE_END, LineSplitter } from '../protocol/line-framing.ts';
import type { ClientConnection, ClientOptions } from './transport.ts';

/**
 * `tcp`: a node:net socket, one newline per message. connect() resolves on the server's first line, the
 * empty "joined" line, which is not a message: only then is the client in the server's broadcast set.
 */
export async function connect({ host, port, onMessage, localAddress }: ClientOptions): Promise<ClientConnection> {
  const socket = netConnect({ host, port, noDelay: true, ...(localAddress === undefined ? {} : { localAddress }) });
  socket.setEncoding('utf8');
  let joined: () => void = () => {};
  const ready = new Promise<void>((resolve) => (joined = resolve));
  let greeted = false;
  const lines = new LineSplitter((line) => {
    if (greeted) return onMessage(line);
    greeted = true;
    joined();
  });
  socket.on('data', (chunk: string) => lines.push(chunk));
  const failed = once(socket, 'error').then(([error]) => Promise.reject(error as Error));
  const closed = once(socket, 'close').then(() => Promise.reject(new Error('tcp: closed before the server said joined')));
  await Promise.race([ready, failed, closed]);
  // the race's losers settle later (an error or close after joining is the connection's end, seen as such): not unhandled
  failed.catch(() => undefined);
  closed.catch(() => undefined);
  return {
    // no scan for a newline in each message: the suite's envelope never holds one, and a caller that sends
    // one sends two lines, as over any newline-framed protocol (the fuzz test replaces them for this reason)
    send: (text) => void socket.write(text + LINE_END),
    close: async () => {
      if (socket.destroyed) return;
      socket.end();
      await once(socket, 'close');
    },
    drop: () => socket.destroy(),
  };
}
