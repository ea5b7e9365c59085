import { createServer, type Socket } from 'node:net';
import { LINE_END, LineSplitter } from '../protocol/line-framing.ts';
import type { Hub, Peer } from './hub.ts';
import { closeListener } from './close-listener.ts';
import type { ServerTransport } from './transport.ts';

/** `tcp`: the floor. Plain node:net, one newline per message, nothing else on the wire. */
export function create(hub: Hub): ServerTransport {
  const sockets = new Set<Socket>();
  const listener = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.setEncoding('utf8');
    const peer: Peer = { send: (text) => void socket.write(text + LINE_END) };
    const lines = new LineSplitter((line) => hub.receive(peer, line));
    hub.join(peer);
    socket.on('data', (chunk: string) => lines.push(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      hub.leave(peer);
    });
  });
  return { listener, close: () => closeListener(listener, sockets) };
}
