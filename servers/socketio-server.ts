import { createServer } from 'node:http';
import { Server } from 'socket.io';
import type { Hub, Peer } from './hub.ts';
import { closeListener } from './close-listener.ts';
import type { ServerTransport } from './transport.ts';

export type EngineTransport = 'websocket' | 'polling';

/**
 * socket.io on a node:http server, allowed only the given engine.io transport, otherwise with its
 * defaults (heartbeats included: they are part of what socket.io costs). Messages travel as the
 * library's own `message` event (socket.send on both sides).
 */
export function createSocketIo(hub: Hub, transport: EngineTransport): ServerTransport {
  const listener = createServer();
  const io = new Server(listener, { transports: [transport] });
  io.on('connection', (socket) => {
    const peer: Peer = { send: (text) => void socket.send(text) };
    hub.join(peer);
    socket.on('message', (text: unknown) => {
      if (typeof text === 'string') hub.receive(peer, text);
    });
    socket.on('disconnect', () => hub.leave(peer));
  });
  return {
    listener,
    close: async () => {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await closeListener(listener);
    },
  };
}
