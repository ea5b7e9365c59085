import websocket from 'websocket';
import { reconnecting, type Link } from './reconnecting.ts';
import type { ClientConnection, ClientOptions } from './transport.ts';

/**
 * `websocket`: WebSocket-Node's client with its defaults. The library does not reconnect; with
 * options.reconnect the suite does (see reconnecting.ts).
 */
export function connect(options: ClientOptions): Promise<ClientConnection> {
  const { host, port, path = '/', onMessage, binary = false } = options;
  const open = (onLost: () => void): Promise<Link> =>
    new Promise((resolve, reject) => {
      const client = new websocket.client();
      client.on('connectFailed', reject);
      client.on('connect', (connection) => {
        connection.on('message', (message) => {
          if (message.type === 'utf8') onMessage(message.utf8Data);
          else if (binary) onMessage(message.binaryData.toString('latin1'));
        });
        let closing = false;
        connection.on('error', () => {}); // a reset socket: 'close' follows, and that is what counts
        const closed = new Promise<void>((done) =>
          connection.once('close', () => {
            if (!closing) onLost();
            done();
          }),
        );
        resolve({
          // a send while the link is down would write to a destroyed socket: it is lost, as it would be
          send: (text) => {
            if (connection.connected) connection.sendUTF(text);
          },
          sendBinary: (data) => {
            if (connection.connected) connection.sendBytes(data);
          },
          close: async () => {
            closing = true;
            if (connection.connected) connection.close();
            await closed;
          },
          // skipCloseFrame: the socket is destroyed with no close frame, as a network failure would leave it
          drop: () => connection.drop(1006, 'dropped', true),
        });
      });
      client.connect(`ws://${host}:${port}${path}`);
    });
  return reconnecting(open, options);
}
