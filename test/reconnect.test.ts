import { afterEach, describe, expect, it } from 'vitest';
import { connectClient } from '../transports/start.ts';
import type { ClientConnection } from '../clients/transport.ts';
import { MESSAGE_KINDS, encodePadded } from '../protocol/envelope.ts';
import { eventually, sleep, startServer, type RunningServer } from './helpers/transport-harness.ts';

/** A client with recovery asked for, counting what arrives and how often it came back. */
async function recovering(transport: string, port: number) {
  const got: string[] = [];
  let reconnects = 0;
  const conn = await connectClient(transport, {
    host: '127.0.0.1',
    port,
    reconnect: true,
    onMessage: (text) => got.push(text),
    onReconnect: () => reconnects++,
  });
  return { conn, got, reconnects: () => reconnects };
}

const broadcast = (seq: number) => encodePadded({ kind: MESSAGE_KINDS.broadcast, sender: 'b', seq, sentUs: 1 }, 64);

describe('recovery after an abrupt drop', () => {
  let server: RunningServer;
  const open: ClientConnection[] = [];
  afterEach(async () => {
    await Promise.allSettled(open.splice(0).map((c) => c.close()));
    await server.close();
  });

  it.each(['ws', 'websocket'])('%s: a dropped client reconnects by itself and is served again', async (transport) => {
    server = await startServer(transport);
    const c = await recovering(transport, server.port);
    open.push(c.conn);
    await eventually(() => server.hub.size === 1, 3000, 'joined');
    c.conn.drop?.();
    await eventually(() => c.reconnects() === 1, 5000, 'reconnected');
    await eventually(() => server.hub.size === 1 && server.meter.read().connectionsOpen === 1, 3000, 'one live peer');
    c.conn.send(broadcast(1));
    await eventually(() => c.got.length === 1, 3000, 'served after the reconnect');
    expect(c.got).toEqual([broadcast(1)]);
  });

  it('without reconnect a dropped ws client stays down', async () => {
    server = await startServer('ws');
    const conn = await connectClient('ws', { host: '127.0.0.1', port: server.port, onMessage: () => {} });
    open.push(conn);
    conn.drop?.();
    await eventually(() => server.hub.size === 0, 3000, 'peer gone');
    await sleep(300);
    expect(server.hub.size).toBe(0);
  });

  it.each(['sse', 'longpoll'])('%s: the events broadcast while the client was cut off are delivered after it resumes', async (transport) => {
    server = await startServer(transport);
    const sender = await recovering(transport, server.port);
    const cut = await recovering(transport, server.port);
    open.push(sender.conn, cut.conn);
    await eventually(() => server.hub.size === 2, 3000, 'both joined');
    sender.conn.send(broadcast(0));
    await eventually(() => cut.got.length === 1, 3000, 'first event');
    cut.conn.drop?.();
    // once the server has seen the cut (the sender keeps its two sockets), and before the client asks
    // again: a message flushed into a poll whose socket is already dead, unseen, would be lost
    await eventually(() => server.meter.read().connectionsOpen === 2, 3000, 'server sees the cut');
    // sent while the stream is down: the server keeps them for the client (SSE: by event id)
    for (let seq = 1; seq <= 5; seq++) sender.conn.send(broadcast(seq));
    await eventually(() => sender.got.length === 6, 3000, 'sender got all six');
    await eventually(() => cut.reconnects() === 1, 8000, 'reconnected');
    sender.conn.send(broadcast(6));
    await eventually(() => cut.got.length >= 7, 3000, 'replayed and new');
    expect(cut.got).toEqual([0, 1, 2, 3, 4, 5, 6].map(broadcast));
  }, 15_000);
});
