import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGE_KINDS, encodePadded } from '../protocol/envelope.ts';
import { connectRecording, startServer, type RecordingClient, type RunningServer } from './helpers/transport-harness.ts';

/**
 * What each configuration variant changes, seen on its real server and client: the options reach the
 * library (the wire bytes differ from the base's in the way the option says), not just the name.
 */
const opened: { server: RunningServer; clients: RecordingClient[] }[] = [];
afterEach(async () => {
  for (const { server, clients } of opened.splice(0)) {
    await Promise.allSettled(clients.map((c) => c.conn.close()));
    await server.close();
  }
});

/** Bytes up and down of `count` echoes of messages like `make(seq)`, after the handshake. */
async function echoBytes(transport: string, count: number, make: (seq: number) => string): Promise<{ up: number; down: number }> {
  const server = await startServer(transport);
  const c = await connectRecording(transport, server.port);
  opened.push({ server, clients: [c] });
  c.conn.send(make(0));
  await c.waitFor(1);
  const before = server.meter.read();
  for (let seq = 1; seq <= count; seq++) c.conn.send(make(seq));
  const replies = await c.waitFor(count + 1);
  expect(replies.slice(1)).toEqual(Array.from({ length: count }, (_, i) => make(i + 1)));
  const after = server.meter.read();
  return { up: after.bytesRead - before.bytesRead, down: after.bytesWritten - before.bytesWritten };
}

const padded = (size: number) => (seq: number) => encodePadded({ kind: MESSAGE_KINDS.echo, sender: 'v', seq, sentUs: seq }, size);

describe('ws-deflate', () => {
  it('compresses messages both ways, small ones too (context takeover on: no threshold)', async () => {
    const plain = await echoBytes('ws', 20, padded(256));
    const deflated = await echoBytes('ws-deflate', 20, padded(256));
    // 256 B of padding deflates to a few bytes per message against the window of the earlier ones
    expect(deflated.up).toBeLessThan(plain.up / 4);
    expect(deflated.down).toBeLessThan(plain.down / 4);
  });
});

describe('socketio-deflate', () => {
  it('deflates packets down at any size, and up only from the client threshold (1024 B)', async () => {
    const small = { plain: await echoBytes('socketio', 20, padded(256)), deflated: await echoBytes('socketio-deflate', 20, padded(256)) };
    expect(small.deflated.down).toBeLessThan(small.plain.down / 4);
    expect(small.deflated.up).toBe(small.plain.up);
    const large = { plain: await echoBytes('socketio', 5, padded(2048)), deflated: await echoBytes('socketio-deflate', 5, padded(2048)) };
    expect(large.deflated.up).toBeLessThan(large.plain.up / 4);
  });
});

describe('socketio-msgpack', () => {
  it('carries each message as one binary msgpack packet, no engine.io byte in front', async () => {
    const server = await startServer('socketio-msgpack');
    const c = await connectRecording('socketio-msgpack', server.port);
    opened.push({ server, clients: [c] });
    server.meter.startCapture();
    const text = padded(256)(1);
    c.conn.send(text);
    expect(await c.waitFor(1)).toEqual([text]);
    const { breakdownCaptures } = await import('../bench/wire/breakdown.ts');
    const b = breakdownCaptures('socketio-msgpack', server.meter.captures());
    expect(b.up.parts.message).toBe(256);
    // msgpack: a fixmap, its keys and a str8/16 header around our text, against JSON's `42["message","...."]`
    expect(b.up.parts['engineio-envelope']).toBeUndefined();
    expect(b.up.parts['socketio-envelope']).toBeGreaterThan(0);
  });
});

describe('engineio', () => {
  it("costs engine.io's one byte a message, socket.io's envelope less than socketio", async () => {
    const raw = await echoBytes('engineio', 10, padded(256));
    const full = await echoBytes('socketio', 10, padded(256));
    // socketio adds `2["message","` and `"]` (15 B) to each message each way; frame headers alike
    expect(full.down - raw.down).toBe(10 * 15);
    expect(full.up - raw.up).toBe(10 * 15);
  });
});

describe('sse-h2', () => {
  it('costs fewer bytes per echo than sse both ways: HPACK-compressed headers, no chunked coding', async () => {
    const h1 = await echoBytes('sse', 20, padded(256));
    const h2 = await echoBytes('sse-h2', 20, padded(256)); // 20 POSTs in flight at once, in order
    // a POST's headers after the first are a few indexed bytes; the 204 answer is a 9 B frame and 1-2 B of HPACK
    expect(h2.up).toBeLessThan(h1.up - 20 * 64);
    expect(h2.down).toBeLessThan(h1.down - 20 * 64);
    expect(h2.up).toBeGreaterThan(20 * 256);
  });
});
