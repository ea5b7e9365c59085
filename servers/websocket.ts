import websocket from 'websocket';
import type { Hub, Peer } from './hub.ts';
import { closeListener } from './close-listener.ts';
import { createHttpServer } from './http-request.ts';
import { maxFrameBytes } from './limits.ts';
import type { ServerTransport } from './transport.ts';

/**
 * `websocket`: WebSocket-Node's server on a node:http server, accepting every request, with its defaults
 * (keepalive pings included) but for the size limits: its default frame limit (64 KiB) is below the
 * suite's message limit, its message limit is raised to the same as every other transport's.
 */
export function create(hub: Hub): ServerTransport {
  const listener = createHttpServer(hub.limits);
  const maxBytes = maxFrameBytes(hub.limits);
  const server = new websocket.server({
    httpServer: listener,
    autoAcceptConnections: false,
    maxReceivedFrameSize: maxBytes,
    maxReceivedMessageSize: maxBytes,
  });
  // WebSocket-Node's own broadcast: every connection of the server gets the frame
  hub.broadcaster = (message) => {
    if (typeof message === 'string') server.broadcastUTF(message);
    else server.broadcastBytes(message);
    return server.connections.length;
  };
  server.on('request', (request) => {
    const connection = request.accept(null, request.origin);
    const peer: Peer = {
      send: (text) => connection.sendUTF(text),
      sendBinary: (data) => connection.sendBytes(data),
      // frames go straight to the socket, so its queue is the whole backlog
      buffered: () => connection.socket.writableLength,
      close: () => connection.drop(),
    };
    hub.join(peer);
    connection.on('message', (message) => {
      hub.receive(peer, message.type === 'utf8' ? message.utf8Data : message.binaryData);
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
