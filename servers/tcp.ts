import { createServer, type Socket } from 'node:net';
import { LINE_END, LineSplitter } from '../protocol/line-framing.ts';
import type { Hub, Peer } from './hub.ts';
import { closeListener } from './close-listener.ts';
import type { ServerTransport } from './transport.ts';

/** What the server knows about one connection's unfinished line: enough to bound it in size and time. */
interface LineState {
  /** length of the line begun and not yet ended (UTF-16 units, never more than its UTF-8 bytes) */
  pending: number;
  /** the sweep tick at which that line began, 0 when none is pending */
  since: number;
}

/** `tcp`: the floor. Plain node:net, one newline per message, nothing else on the wire. */
export function create(hub: Hub): ServerTransport {
  const { maxMessageBytes, idleTimeoutMs, lineTimeoutMs, sweepIntervalMs } = hub.limits;
  const sockets = new Map<Socket, LineState>();
  // a coarse clock kept by the sweep, so the data path never reads the time
  let tick = 1;
  const lineTicks = Math.max(1, Math.ceil(lineTimeoutMs / sweepIntervalMs));
  const sweep = setInterval(() => {
    tick++;
    for (const [socket, line] of sockets) {
      if (line.since !== 0 && tick - line.since > lineTicks) socket.destroy(); // a line sent a byte at a time
    }
  }, sweepIntervalMs).unref();

  const listener = createServer((socket) => {
    const line: LineState = { pending: 0, since: 0 };
    sockets.set(socket, line);
    socket.setNoDelay(true);
    socket.setEncoding('utf8');
    socket.setTimeout(idleTimeoutMs, () => socket.destroy());
    const peer: Peer = {
      send: (text) => void socket.write(text + LINE_END),
      buffered: () => socket.writableLength,
      close: () => socket.destroy(),
    };
    const lines = new LineSplitter((text) => hub.receive(peer, text));
    hub.join(peer);
    // an empty line says "joined": without it a client's connect() would resolve when the kernel
    // finished the TCP handshake, before this callback ran, and a broadcast could miss it (1 byte).
    // Written after the other 'connection' listeners, so the byte meter sees the socket before its first byte.
    queueMicrotask(() => socket.write(LINE_END));
    socket.on('data', (chunk: string) => {
      // only the first and the last piece of a chunk can continue a line; one between them is shorter than
      // the chunk, and a chunk (one socket read, at most 64 KiB) is shorter than any sensible limit
      const first = chunk.indexOf(LINE_END);
      if (line.pending + (first < 0 ? chunk.length : first) > maxMessageBytes) {
        socket.destroy();
        return;
      }
      line.pending = first < 0 ? line.pending + chunk.length : chunk.length - chunk.lastIndexOf(LINE_END) - 1;
      if (line.pending === 0) line.since = 0;
      else if (first >= 0 || line.since === 0) line.since = tick;
      lines.push(chunk);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      hub.leave(peer);
    });
  });
  return {
    listener,
    close: () => {
      clearInterval(sweep);
      return closeListener(listener, sockets.keys());
    },
  };
}
