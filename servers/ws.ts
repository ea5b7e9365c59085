import { WebSocket, WebSocketServer, type ServerOptions } from 'ws';
import type { Hub, Peer } from './hub.ts';
import { closeListener } from './close-listener.ts';
import { createHttpServer } from './http-request.ts';
import { maxFrameBytes } from './limits.ts';
import type { ServerTransport } from './transport.ts';

/**
 * `ws`: the `ws` library's WebSocketServer on a node:http server, with its defaults but for the
 * message size limit (closes with 1009 above it). No pings of our own: they would add idle bytes the
 * library does not send by default. `options` are a variant's (ws-deflate's perMessageDeflate).
 */
export function create(hub: Hub, options: Pick<ServerOptions, 'perMessageDeflate'> = {}): ServerTransport {
  const listener = createHttpServer(hub.limits);
  const wss = new WebSocketServer({ ...options, server: listener, maxPayload: maxFrameBytes(hub.limits) });
  // ws re-emits its http server's errors (a port in use) on itself: the listener's own 'error' reports them
  wss.on('error', () => {});
  // ws has no broadcast of its own: its README's pattern is every open client of wss.clients
  hub.broadcaster = (message) => {
    let sent = 0;
    for (const client of wss.clients) {
      if (client.readyState !== WebSocket.OPEN) continue;
      client.send(message); // a Buffer goes as a binary message, a string as text
      sent++;
    }
    return sent;
  };
  wss.on('connection', (socket) => {
    const peer: Peer = {
      send: (text) => socket.send(text),
      sendBinary: (data) => socket.send(data),
      buffered: () => socket.bufferedAmount,
      close: () => socket.terminate(),
    };
    hub.join(peer);
    socket.on('message', (data, isBinary) => {
      // ws hands a message over as one Buffer (binaryType 'nodebuffer', its default)
      hub.receive(peer, isBinary ? (data as Buffer) : data.toString());
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
