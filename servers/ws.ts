import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import type { Hub, Peer } from './hub.ts';
import { closeListener } from './close-listener.ts';
import type { ServerTransport } from './transport.ts';

/** `ws`: the `ws` library's WebSocketServer on a node:http server, with its defaults. */
export function create(hub: Hub): ServerTransport {
  const listener = createServer();
  const wss = new WebSocketServer({ server: listener });
  wss.on('connection', (socket) => {
    const peer: Peer = { send: (text) => socket.send(text) };
    hub.join(peer);
    socket.on('message', (data, isBinary) => {
      if (!isBinary) hub.receive(peer, data.toString());
    });
    socket.on('error', () => socket.terminate());
    socket.on('close', () => hub.leave(peer));
  });
  return {
    listener,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await closeListener(listener);
    },
  };
}
