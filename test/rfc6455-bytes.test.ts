import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import websocket from 'websocket';
import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGE_KINDS, encodePadded } from '../protocol/envelope.ts';
import { ByteMeter } from '../servers/byte-meter.ts';
import { breakdownCaptures } from '../bench/wire/breakdown.ts';
import { connectRecording, startServer, type RunningServer } from './helpers/transport-harness.ts';

/**
 * RFC 6455 5.2: a frame's header is 2 bytes up to 125 bytes of payload, 4 (16-bit length) up to 65535,
 * 10 (64-bit length) above; a client adds a 4-byte masking key to every frame. The sizes below are the
 * RFC's, written out rather than computed, so that the test does not share a formula with the code.
 */
const RFC_HEADERS: Array<{ payload: number; down: number; up: number }> = [
  { payload: 125, down: 2, up: 6 },
  { payload: 126, down: 4, up: 8 },
  { payload: 65535, down: 4, up: 8 },
  { payload: 65536, down: 10, up: 14 },
];

/**
 * WebSocket-Node's default fragmentationThreshold (0x4000), on its server and its client alike: a longer
 * message leaves as frames of this size, each with its own header. The suite keeps the library's
 * defaults, so the bytes it reports for `websocket` include these headers; this test accounts for them
 * and checks separately that, with fragmentation off, WebSocket-Node writes the RFC's single frame.
 */
const WEBSOCKET_NODE_FRAGMENT = 0x4000;

/** Header bytes of a message sent in frames of at most `fragment` bytes (RFC 6455 5.2, 5.4). */
function fragmentedHeaders(payload: number, fragment: number, masked: boolean): number {
  let total = 0;
  for (let left = payload; left > 0 || total === 0; left -= fragment) {
    const size = Math.min(left, fragment);
    total += (size <= 125 ? 2 : size <= 65535 ? 4 : 10) + (masked ? 4 : 0);
  }
  return total;
}

const message = (size: number, seq = 0) => encodePadded({ kind: MESSAGE_KINDS.echo, sender: 'c', seq, sentUs: 0 }, size);

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** One echo of `size` bytes through a real server and client: what the server read and wrote for it. */
async function echoBytes(transport: string, size: number): Promise<{ up: number; down: number; labels: string[] }> {
  running = await startServer(transport);
  const client = await connectRecording(transport, running.port);
  try {
    running.meter.reset();
    running.meter.startCapture(); // labels only: the counters are the meter's own
    const text = message(size);
    client.conn.send(text);
    const [reply] = await client.waitFor(1);
    expect(reply).toBe(text);
    const { bytesRead, bytesWritten } = running.meter.read();
    const labels = breakdownCaptures(transport, running.meter.stopCapture()).down.units.map((u) => u.label);
    return { up: bytesRead, down: bytesWritten, labels };
  } finally {
    await client.conn.close();
  }
}

describe('ws: RFC 6455 frame sizes with the library defaults', () => {
  it.each(RFC_HEADERS)('$payload B costs $down B of header down and $up B up', async ({ payload, down, up }) => {
    const bytes = await echoBytes('ws', payload);
    expect(bytes.down).toBe(payload + down);
    expect(bytes.up).toBe(payload + up);
  });
});

describe('websocket: frame sizes with the library defaults (fragmented above 16 KiB)', () => {
  it.each(RFC_HEADERS)('$payload B: one frame per 16 KiB, each with its RFC header', async ({ payload, down, up }) => {
    const bytes = await echoBytes('websocket', payload);
    const fragments = Math.ceil(payload / WEBSOCKET_NODE_FRAGMENT);
    expect(bytes.down).toBe(payload + fragmentedHeaders(payload, WEBSOCKET_NODE_FRAGMENT, false));
    expect(bytes.up).toBe(payload + fragmentedHeaders(payload, WEBSOCKET_NODE_FRAGMENT, true));
    expect(bytes.labels).toEqual([fragments > 1 ? `ws text in ${fragments} frames` : 'ws text']);
    // unfragmented, the single frame has the RFC's header
    if (fragments === 1) expect([bytes.down - payload, bytes.up - payload]).toEqual([down, up]);
  });
});

describe('websocket: RFC 6455 frame sizes with fragmentation off (this test only)', () => {
  it.each(RFC_HEADERS)('$payload B costs $down B of header down and $up B up', async ({ payload, down, up }) => {
    // a WebSocket-Node echo server and client configured here, never in the suite's adapters
    const http = createServer();
    const meter = new ByteMeter();
    meter.attach(http);
    const server = new websocket.server({ httpServer: http, fragmentOutgoingMessages: false });
    server.on('request', (request) => {
      const connection = request.accept(null, request.origin);
      connection.on('message', (m) => m.type === 'utf8' && connection.sendUTF(m.utf8Data));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const client = new websocket.client({ fragmentOutgoingMessages: false });
    const connection = await new Promise<websocket.connection>((resolve, reject) => {
      client.once('connect', resolve);
      client.once('connectFailed', reject);
      client.connect(`ws://127.0.0.1:${(http.address() as AddressInfo).port}/`);
    });
    try {
      meter.reset();
      const text = message(payload);
      const reply = new Promise<string>((resolve) => connection.once('message', (m) => resolve(m.type === 'utf8' ? m.utf8Data : '')));
      connection.sendUTF(text);
      expect(await reply).toBe(text);
      const { bytesRead, bytesWritten } = meter.read();
      expect(bytesWritten).toBe(payload + down);
      expect(bytesRead).toBe(payload + up);
    } finally {
      connection.drop();
      server.shutDown();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });
});
