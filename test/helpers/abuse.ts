import { connect, createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { DEFAULT_LIMITS, type ServerLimits } from '../../servers/limits.ts';

/** Limits small enough that every abuse is cheap and quick to provoke, with the same shape as the real ones. */
export const TEST_LIMITS: ServerLimits = {
  ...DEFAULT_LIMITS,
  // room for one maximal message (1 MiB) and one maximal push, as in the real limits
  maxBufferedBytes: 4 * 1024 * 1024,
  maxPushBytes: 2 * 1024 * 1024,
  headersTimeoutMs: 600,
  requestTimeoutMs: 1200,
  lineTimeoutMs: 600,
  absentPeerMs: 600,
  sweepIntervalMs: 100,
};

/** Transports whose connection starts with an HTTP request: a slowloris dribbles its header block. */
export const WEBSOCKET_PATHS: Record<string, string> = {
  ws: '/',
  websocket: '/',
  socketio: '/socket.io/?EIO=4&transport=websocket',
};

/** A raw TCP connection to a server, for bytes no real client would send. */
export interface RawSocket {
  socket: Socket;
  /** everything received, as latin1 text */
  received(): string;
  /** resolves when the server has closed (or reset) the connection */
  closed: Promise<void>;
}

export async function rawConnect(port: number): Promise<RawSocket> {
  const socket = connect({ host: '127.0.0.1', port });
  let text = '';
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1');
  });
  socket.on('error', () => socket.destroy()); // a reset is one way for the server to close
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve())); // once() would reject on a reset
  await once(socket, 'connect');
  return { socket, received: () => text, closed };
}

/** Writes unless the server has already hung up: abuse that is cut short is abuse refused. */
export function tryWrite(raw: RawSocket, data: string | Buffer): void {
  if (!raw.socket.destroyed && raw.socket.writable) raw.socket.write(data);
}

/** Opens a WebSocket by hand (RFC 6455 handshake) so that the frames after it can be anything. */
export async function rawWebSocket(port: number, path: string): Promise<RawSocket> {
  const raw = await rawConnect(port);
  const key = randomBytes(16).toString('base64');
  raw.socket.write(
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  const deadline = Date.now() + 5000;
  while (!raw.received().includes('\r\n\r\n')) {
    if (Date.now() > deadline) throw new Error(`no handshake answer: ${raw.received().slice(0, 80)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  if (!raw.received().startsWith('HTTP/1.1 101')) throw new Error(`handshake refused: ${raw.received().slice(0, 80)}`);
  return raw;
}

/** One client-to-server WebSocket frame; `mask: false` breaks the rule that clients mask. */
export function wsFrame(opcode: number, payload: Buffer, options: { fin?: boolean; mask?: boolean; rsv?: number } = {}): Buffer {
  const { fin = true, mask = true, rsv = 0 } = options;
  const head = [(fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f)];
  const len = payload.length;
  const maskBit = mask ? 0x80 : 0;
  if (len < 126) head.push(maskBit | len);
  else if (len < 65536) head.push(maskBit | 126, len >> 8, len & 0xff);
  else head.push(maskBit | 127, 0, 0, 0, 0, (len >>> 24) & 0xff, (len >> 16) & 0xff, (len >> 8) & 0xff, len & 0xff);
  if (!mask) return Buffer.concat([Buffer.from(head), payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ (key[i % 4] ?? 0)));
  return Buffer.concat([Buffer.from(head), key, body]);
}

/**
 * A TCP proxy between a real client and the server, so that any transport's client can be made to
 * stop reading (stall) or to vanish without a goodbye (cut), whatever sockets it uses.
 */
export interface Proxy {
  port: number;
  /** stops reading what the server sends, on every connection: the server's writes back up */
  stall(): void;
  /** stops accepting, resets every connection to the server and closes the client's side: a peer lost */
  cut(): void;
  close(): Promise<void>;
}

export async function startProxy(targetPort: number): Promise<Proxy> {
  const pairs = new Set<[Socket, Socket]>();
  let stalled = false;
  const server: Server = createServer((client) => {
    const upstream = connect({ host: '127.0.0.1', port: targetPort });
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    if (stalled) stallPair(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  function stallPair([client, upstream]: [Socket, Socket]): void {
    upstream.unpipe(client);
    upstream.pause();
  }
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    stall: () => {
      stalled = true;
      for (const pair of pairs) stallPair(pair);
    },
    cut: () => {
      server.close(); // no reconnecting through it
      for (const [client, upstream] of [...pairs]) {
        client.destroy(); // gently: clients/*.ts do not all listen for 'error' yet
        upstream.resetAndDestroy();
      }
    },
    close: async () => {
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A small seeded random source (mulberry32), so that a failing fuzz run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
