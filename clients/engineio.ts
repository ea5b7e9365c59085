import { Socket, type SocketOptions } from 'engine.io-client';
import { reconnecting, type Link } from './reconnecting.ts';
import { TrackingAgent } from './tracking-agent.ts';
import { latin1Of, type ClientConnection, type ClientOptions } from './transport.ts';

/**
 * engine.io-client's Socket with `engine` (the one transport its descriptor allows), otherwise with its
 * defaults. It does not reconnect (socket.io-client's Manager does that above it); with
 * options.reconnect the suite does, as for ws, so whatever was sent in the gap is gone. The agent only
 * keeps hold of the sockets, so that drop() can destroy them (see TrackingAgent).
 */
export function connectEngineIo(options: ClientOptions, engine: Pick<SocketOptions, 'transports'>): Promise<ClientConnection> {
  const { host, port, path, onMessage, binary = false } = options;
  const open = (onLost: () => void): Promise<Link> =>
    new Promise((resolve, reject) => {
      const agent = new TrackingAgent();
      const mounted = path === undefined || path === '/' ? {} : { path };
      // typed string | boolean (the browser build's view); in Node it reaches ws, which takes an http.Agent
      const socket = new Socket(`http://${host}:${port}`, { ...engine, ...mounted, agent: agent as unknown as string });
      let closing = false;
      socket.on('message', (data: unknown) => {
        if (typeof data === 'string') onMessage(data);
        else if (binary) onMessage(latin1Of(data));
      });
      socket.once('error', reject);
      socket.once('open', () => {
        socket.off('error', reject);
        socket.on('error', () => {}); // 'close' follows, and that is what counts
        socket.once('close', () => {
          if (!closing) onLost();
        });
        resolve({
          send: (text) => socket.send(text),
          sendBinary: (data) => socket.send(data),
          close: async () => {
            closing = true;
            if (socket.readyState === 'closed') return;
            const closed = new Promise<void>((done) => socket.once('close', () => done()));
            socket.close();
            await closed;
          },
          drop: () => agent.dropAll(),
        });
      });
    });
  return reconnecting(open, options);
}
