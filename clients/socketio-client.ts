import { io } from 'socket.io-client';
import type { ClientConnection, ClientOptions } from './transport.ts';

export type EngineTransport = 'websocket' | 'polling';

/**
 * A socket.io-client socket allowed only the given engine.io transport, otherwise with its defaults.
 * forceNew: without it every connection from this process would share one Manager and one socket.
 */
export function connectSocketIo(
  { host, port, onMessage }: ClientOptions,
  transport: EngineTransport,
): Promise<ClientConnection> {
  return new Promise((resolve, reject) => {
    const socket = io(`http://${host}:${port}`, { transports: [transport], forceNew: true });
    socket.on('message', (text: unknown) => {
      if (typeof text === 'string') onMessage(text);
    });
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
    socket.once('connect', () =>
      resolve({
        send: (text) => void socket.send(text),
        close: async () => {
          if (!socket.connected) return;
          const closed = new Promise<void>((done) => socket.io.engine.once('close', () => done()));
          socket.close();
          await closed;
        },
      }),
    );
  });
}
