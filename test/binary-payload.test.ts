import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGE_KINDS, seqOf } from '../protocol/envelope.ts';
import { binaryMessage } from '../protocol/payload.ts';
import { TRANSPORTS, needsServices } from '../transports/registry.ts';
import { thisRuntime } from '../bench/runtimes/catalog.ts';
import { connectClient, startServer, type RunningServer } from '../transports/start.ts';
import type { ClientConnection } from '../clients/transport.ts';
import { eventually } from './helpers/transport-harness.ts';

/** Every transport whose descriptor says it carries binary messages (--payload-kind binary), on one server. */
const BINARY = TRANSPORTS.filter((t) => t.binaryMessages && !needsServices(t) && !t.unsupportedOn?.(thisRuntime())).map((t) => t.name);

let server: RunningServer | undefined;
const conns: ClientConnection[] = [];
afterEach(async () => {
  await Promise.allSettled(conns.splice(0).map((c) => c.close()));
  await server?.close();
  server = undefined;
});

async function binaryClient(transport: string, port: number, received: string[]): Promise<ClientConnection> {
  const conn = await connectClient(transport, { host: '127.0.0.1', port, binary: true, onMessage: (text) => received.push(text) });
  conns.push(conn);
  return conn;
}

describe.each(BINARY)('%s binary messages', (transport) => {
  it('echoes a binary message byte for byte, its header readable, and broadcasts one to everyone once', async () => {
    server = await startServer(transport);
    const inboxes: string[][] = [[], [], []];
    const [first, ...others] = await Promise.all(inboxes.map((inbox) => binaryClient(transport, server?.port ?? 0, inbox)));
    const echo = binaryMessage({ kind: MESSAGE_KINDS.echo, sender: 'bin', seq: 41, sentUs: 1 }, 1000);
    expect(first?.sendBinary).toBeDefined();
    first?.sendBinary?.(echo);
    await eventually(() => inboxes[0]?.length === 1, 5000, 'the echo');
    expect(inboxes[0]?.[0]).toBe(echo.toString('latin1'));
    expect(seqOf(inboxes[0]?.[0] ?? '')).toBe(41);
    expect(others).toHaveLength(2);
    const broadcast = binaryMessage({ kind: MESSAGE_KINDS.broadcast, sender: 'bin', seq: 42, sentUs: 1 }, 300);
    first?.sendBinary?.(broadcast);
    await eventually(() => inboxes.every((inbox) => inbox.includes(broadcast.toString('latin1'))), 5000, 'the broadcast everywhere');
    expect(inboxes.map((inbox) => inbox.filter((m) => m === broadcast.toString('latin1')).length)).toEqual([1, 1, 1]);
    // the server counted what it sent: one echo, three broadcast copies
    await eventually(() => server?.hub.messagesOut === 4, 3000, 'messagesOut 4');
  });
});

describe('binary messages', () => {
  it('are exactly the size asked, the same in every run, and do not compress', async () => {
    const { deflateRawSync } = await import('node:zlib');
    const m = binaryMessage({ kind: MESSAGE_KINDS.echo, sender: 'b', seq: 3, sentUs: 2 }, 4096);
    expect(m.length).toBe(4096);
    expect(m.equals(binaryMessage({ kind: MESSAGE_KINDS.echo, sender: 'b', seq: 3, sentUs: 2 }, 4096))).toBe(true);
    expect(deflateRawSync(m).length).toBeGreaterThan(4000);
  });
});
