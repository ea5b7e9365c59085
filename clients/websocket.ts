import websocket from 'websocket';
import type { ClientConnection, ClientOptions } from './transport.ts';

/** `websocket`: WebSocket-Node's client with its defaults. */
export function connect({ host, port, onMessage }: ClientOptions): Promise<ClientConnection> {
  return new Promise((resolve, reject) => {
    const client = new websocket.client();
    client.on('connectFailed', reject);
    client.on('connect', (connection) => {
      connection.on('message', (message) => {
        if (message.type === 'utf8') onMessage(message.utf8Data);
      });
      const closed = new Promise<void>((done) => connection.once('close', () => done()));
      resolve({
        send: (text) => connection.sendUTF(text),
        close: async () => {
          if (connection.connected) connection.close();
          await closed;
        },
      });
    });
    client.connect(`ws://${host}:${port}/`);
  });
}
