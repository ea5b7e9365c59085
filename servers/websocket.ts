import { createServer } from 'node:http';
import websocket from 'websocket';
import type { Hub, Peer } from './hub.ts';
import { closeListener } from './close-listener.ts';
import type { ServerTransport } from './transport.ts';

/** `websocket`: WebSocket-Node's server on a node:http server, accepting every request, with its defaults. */
export function create(hub: Hub): ServerTransport {
  const listener = createServer();
  const server = new websocket.server({ httpServer: listener, autoAcceptConnections: false });
  server.on('request', (request) => {
    const connection = request.accept(null, request.origin);
    const peer: Peer = { send: (text) => connection.sendUTF(text) };
    hub.join(peer);
    connection.on('message', (message) => {
      if (message.type === 'utf8') hub.receive(peer, message.utf8Data);
    });
    connection.on('error', () => connection.drop());
    connection.on('close', () => hub.leave(peer));
  });
  return {
    listener,
    close: async () => {
      server.shutDown();
      await closeListener(listener);
    },
  };
}
