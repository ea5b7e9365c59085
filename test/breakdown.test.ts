import { afterEach, describe, expect, it } from 'vitest';
import { TRANSPORTS as DESCRIPTORS, transportNamed } from '../transports/registry.ts';
import { thisRuntime } from '../bench/runtimes/catalog.ts';
import type { PartBytes } from '../bench/wire/parts.ts';
import { MESSAGE_KINDS, encodePadded } from '../protocol/envelope.ts';
import { breakdownCaptures, type Breakdown } from '../bench/wire/breakdown.ts';
import { connectRecording, eventually, sleep, startServer, type RecordingClient, type RunningServer } from './helpers/transport-harness.ts';

/** Every transport with a server, a client and a wire profile, that runs on the runtime the tests run on (bun-ws: test/bun-ws.test.ts). */
const TRANSPORTS = DESCRIPTORS.filter((t) => !t.unsupportedOn?.(thisRuntime())).map((t) => t.name);
const PAYLOAD = 100;

let server: RunningServer | undefined;
let client: RecordingClient | undefined;
afterEach(async () => {
  await client?.conn.close();
  await server?.close();
  client = server = undefined;
});

/**
 * The message crossed once, read as our text; or, where the server accepts permessage-deflate, as one
 * compressed payload, with whatever else was deflated beside it (no capture can inflate it without the
 * stream's history).
 */
function expectOneMessage(transport: string, parts: PartBytes): void {
  const { wire } = transportNamed(transport);
  if (wire.kind === 'websocket-frames' && wire.deflate && parts.compressed !== undefined) {
    expect(parts.message).toBeUndefined();
    expect(parts.compressed).toBeGreaterThan(0);
    return;
  }
  expect(parts.compressed).toBeUndefined();
  expect(parts.message).toBe(PAYLOAD);
}

const isHttp2 = (transport: string): boolean => {
  const { wire } = transportNamed(transport);
  return wire.kind === 'hand-built-http' && wire.http2 === true;
};

const echoText = (seq: number) => encodePadded({ kind: MESSAGE_KINDS.echo, sender: 'c', seq, sentUs: 0 }, PAYLOAD);

/**
 * The meter's counters and the captures' breakdown, read in one tick. Bytes still queued in a socket's
 * writable buffer are counted by bytesWritten before they reach `_write`, so the two agree once the
 * writes have drained: asked again until they do.
 */
async function agreeingBreakdown(running: RunningServer, transport: string): Promise<Breakdown> {
  let last: Breakdown | undefined;
  let counted = { bytesRead: -1, bytesWritten: -1 };
  await eventually(
    () => {
      counted = running.meter.read();
      last = breakdownCaptures(transport, running.meter.captures());
      return last.up.total === counted.bytesRead && last.down.total === counted.bytesWritten;
    },
    3000,
    'breakdown totals equal to the counted bytes',
  );
  if (!last) throw new Error('no breakdown');
  expect([last.up.total, last.down.total]).toEqual([counted.bytesRead, counted.bytesWritten]);
  return last;
}

describe.each(TRANSPORTS)('%s breakdown', (transport) => {
  it('parts of a whole session, handshake included, add up to the counted bytes', async () => {
    server = await startServer(transport);
    server.meter.startCapture();
    client = await connectRecording(transport, server.port);
    client.conn.send(echoText(0));
    await client.waitFor(1);
    const b = await agreeingBreakdown(server, transport);
    expect(b.up.parts.unparsed ?? 0).toBe(0);
    expect(b.down.parts.unparsed ?? 0).toBe(0);
    expectOneMessage(transport, b.up.parts);
    expectOneMessage(transport, b.down.parts);
    expect(b.up.total).toBeGreaterThan(PAYLOAD); // the handshake, at least
  });

  it('parts of one echo on an open connection add up, and carry the message exactly once each way', async () => {
    server = await startServer(transport);
    // node:http2 drives a socket from C++ unless it was hooked when accepted (servers/http2-server.ts):
    // its connection opens inside a window, as the wire scenario's does, and the echo gets a window of its own
    if (isHttp2(transport)) server.meter.startCapture();
    client = await connectRecording(transport, server.port);
    await sleep(100); // let the connection's own opening traffic (socket.io's connect packets) pass
    server.meter.reset();
    server.meter.startCapture();
    client.conn.send(echoText(1));
    await client.waitFor(1);
    const b = await agreeingBreakdown(server, transport);
    expect(b.up.parts.unparsed ?? 0).toBe(0);
    expect(b.down.parts.unparsed ?? 0).toBe(0);
    expectOneMessage(transport, b.up.parts);
    expectOneMessage(transport, b.down.parts);
  });
});

describe('a capture cut by its limit', () => {
  it('still adds up, the cut bytes counted as unparsed', async () => {
    server = await startServer('ws');
    client = await connectRecording('ws', server.port);
    server.meter.reset();
    server.meter.startCapture(50);
    client.conn.send(echoText(2));
    await client.waitFor(1);
    const b = await agreeingBreakdown(server, 'ws');
    expect(b.down.parts.unparsed).toBe(PAYLOAD + 2 - 50);
  });
});
