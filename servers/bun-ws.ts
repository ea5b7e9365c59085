import type { ByteCounts } from './byte-meter.ts';
import type { Hub, Peer } from './hub.ts';
import { maxFrameBytes } from './limits.ts';
import type { OwnListener, ServerTransport } from './transport.ts';
import { frameBytes, requestHeadBytes } from './websocket-frame-bytes.ts';

/** The little of Bun's API this server uses (no @types/bun: the suite type-checks on Node). */
interface BunSocket {
  data: { peer?: Peer };
  send(text: string): number;
  getBufferedAmount(): number;
  subscribe(topic: string): void;
  terminate(): void;
}
interface BunServer {
  readonly port: number;
  upgrade(request: Request, options: { data: BunSocket['data'] }): boolean;
  publish(topic: string, text: string): number;
  subscriberCount(topic: string): number;
  stop(closeActive: boolean): Promise<void> | void;
}
interface BunGlobal {
  serve(options: object): BunServer;
}

/** Every connection joins it on open: a broadcast is one publish, Bun's own room API (its docs' chat example). */
const ROOM = 'room';
/**
 * Bun's 101 response, as it writes it (seen on a raw socket, Bun 1.4.4): the status line, Upgrade,
 * Connection, Sec-WebSocket-Accept (28 base64 characters), Date (29 characters) and the blank line. It
 * names no extension, since perMessageDeflate is off by default, and no subprotocol, since the suite asks for none.
 */
const UPGRADE_RESPONSE_BYTES =
  'HTTP/1.1 101 Switching Protocols\r\n'.length + 'Upgrade: websocket\r\n'.length + 'Connection: Upgrade\r\n'.length +
  `Sec-WebSocket-Accept: ${'a'.repeat(28)}\r\n`.length + `Date: ${'a'.repeat(29)}\r\n`.length + 2;
/** a close frame's status code, before its reason */
const CLOSE_CODE_BYTES = 2;
/** what a close without a status code reports (RFC 6455 §7.1.5): its frame carried no payload */
const NO_STATUS = 1005;

/**
 * `bun-ws`: Bun.serve with its built-in WebSocket server (uWebSockets inside), with Bun's defaults but
 * for the message size limit. Runs only on Bun. Bun gives no socket byte counts, so the server counts
 * the frames it hands over and is handed (RFC 6455 sizes: servers/websocket-frame-bytes.ts), the
 * handshake from the request's head and Bun's fixed 101 response, and the pings and pongs Bun reports;
 * a test holds these to the bytes a client's real socket moved (test/bun-ws.test.ts).
 */
export function create(hub: Hub): ServerTransport {
  const bun = (globalThis as { Bun?: BunGlobal }).Bun;
  if (!bun) throw new Error('bun-ws runs only on Bun (Bun.serve): name --runtimes bun');
  const counts: ByteCounts = { bytesRead: 0, bytesWritten: 0, connectionsAccepted: 0, connectionsOpen: 0 };
  let server: BunServer | undefined;
  const down = (text: string) => frameBytes(Buffer.byteLength(text), false);

  hub.broadcaster = (text) => {
    // text only: its descriptor has no binaryMessages, so no load sends it binary broadcasts
    if (!server || typeof text !== 'string') return 0;
    server.publish(ROOM, text);
    const sent = server.subscriberCount(ROOM);
    counts.bytesWritten += sent * down(text);
    return sent;
  };

  const websocket = {
    maxPayloadLength: maxFrameBytes(hub.limits),
    open(ws: BunSocket) {
      counts.connectionsOpen++;
      const peer: Peer = {
        send: (text) => {
          // 0: dropped (the socket is closing); -1: queued behind backpressure, still to be written
          if (ws.send(text) !== 0) counts.bytesWritten += down(text);
        },
        buffered: () => ws.getBufferedAmount(),
        close: () => ws.terminate(),
      };
      ws.data.peer = peer;
      ws.subscribe(ROOM);
      hub.join(peer);
    },
    message(ws: BunSocket, message: string | Uint8Array) {
      const text = typeof message === 'string';
      counts.bytesRead += frameBytes(text ? Buffer.byteLength(message) : message.byteLength, true);
      if (text && ws.data.peer) hub.receive(ws.data.peer, message);
    },
    // Bun answers pings and sends its own when a connection idles (sendPings): each is a frame each way
    ping(_ws: BunSocket, data: Uint8Array) {
      counts.bytesRead += frameBytes(data.byteLength, true);
      counts.bytesWritten += frameBytes(data.byteLength, false);
    },
    pong(_ws: BunSocket, data: Uint8Array) {
      counts.bytesRead += frameBytes(data.byteLength, true);
      counts.bytesWritten += frameBytes(data.byteLength, false);
    },
    close(ws: BunSocket, code: number, reason: string) {
      counts.connectionsOpen--;
      // a close handshake the client began: its frame up, Bun's echo of the code down (none after a reset, 1006)
      if (code !== 1006) {
        const payload = code === NO_STATUS ? 0 : CLOSE_CODE_BYTES + Buffer.byteLength(reason);
        counts.bytesRead += frameBytes(payload, true);
        counts.bytesWritten += frameBytes(payload, false);
      }
      if (ws.data.peer) hub.leave(ws.data.peer);
    },
  };

  const listener: OwnListener = {
    listen: async (hostname, port) => {
      server = bun.serve({
        hostname,
        port,
        websocket,
        fetch(request: Request, s: BunServer) {
          const url = new URL(request.url);
          const headers: [string, string][] = [];
          request.headers.forEach((value, name) => headers.push([name, value]));
          counts.bytesRead += requestHeadBytes(request.method, url.pathname + url.search, headers);
          counts.connectionsAccepted++;
          if (s.upgrade(request, { data: {} })) {
            counts.bytesWritten += UPGRADE_RESPONSE_BYTES;
            return undefined;
          }
          return new Response('bun-ws serves WebSocket upgrades only\n', { status: 426 });
        },
      });
      return server.port;
    },
    counts: () => counts,
  };
  return {
    listener,
    close: async () => {
      await server?.stop(true);
    },
  };
}
