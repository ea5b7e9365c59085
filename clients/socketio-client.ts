import { io, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import { TrackingAgent } from './tracking-agent.ts';
import { latin1Of, type ClientConnection, type ClientOptions } from './transport.ts';

/**
 * A socket.io-client socket with `engine` (the one engine.io transport its descriptor allows, a parser), otherwise with its defaults,
 * reconnection included (on by default: a lost connection is reopened after 1 s ± 50 %, then longer).
 * forceNew: without it every connection from this process would share one Manager and one socket.
 * The agent only keeps hold of the sockets, so that drop() can destroy them (see TrackingAgent).
 */
export function connectSocketIo(
  { host, port, path, onMessage, onReconnect, binary = false }: ClientOptions,
  engine: Partial<Pick<ManagerOptions & SocketOptions, 'transports' | 'parser'>>,
): Promise<ClientConnection> {
  return new Promise((resolve, reject) => {
    const agent = new TrackingAgent();
    // engine.io-client types `agent` as string | boolean (its browser build's view); in Node it hands
    // the value to `ws` and to its XMLHttpRequest, which take an http.Agent
    // a server the user wrote may mount socket.io elsewhere than /socket.io/ (the URL's path says where)
    const mounted = path === undefined || path === '/' ? {} : { path };
    const options = { ...engine, ...mounted, forceNew: true, agent: agent as unknown as string };
    const socket = io(`http://${host}:${port}`, options);
    socket.on('message', (message: unknown) => {
      if (typeof message === 'string') onMessage(message);
      else if (binary) onMessage(latin1Of(message));
    });
    const failed = (error: Error) => {
      socket.close();
      reject(error);
    };
    socket.once('connect_error', failed);
    socket.once('connect', () => {
      // from now a connect_error is a failed reconnection attempt, which the library retries by itself
      socket.off('connect_error', failed);
      socket.on('connect', () => onReconnect?.());
      resolve({
        send: (text) => void socket.send(text),
        sendBinary: (data) => void socket.send(data),
        close: async () => {
          if (!socket.connected) return void socket.close(); // also ends a reconnection in progress
          const closed = new Promise<void>((done) => socket.io.engine.once('close', () => done()));
          socket.close();
          await closed;
        },
        drop: () => agent.dropAll(),
      });
    });
  });
}
