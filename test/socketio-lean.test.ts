/**
 * The capacity search's socket.io load client (clients/socketio-lean.ts) against the real socket.io
 * server: it connects to the default namespace, its messages reach the server as socket.io `message`
 * events and the server's come back whole (quotes, backslashes and non-ASCII included), a broadcast
 * reaches it, closing leaves the server with no peer, and a port with nothing on it fails the connect.
 * Only the scenario that drives a server to its limit runs it, with text, and no variant inherits it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { connectSocketIoLean } from '../clients/socketio-lean.ts';
import type { ClientConnection } from '../clients/transport.ts';
import { loadClientFor } from '../bench/load/load-client.ts';
import { failureCause } from '../bench/load/connect-failure.ts';
import { MESSAGE_KINDS, encodePadded, nowUs } from '../protocol/envelope.ts';
import { transportNamed } from '../transports/registry.ts';
import { connectClient } from '../transports/start.ts';
import { eventually, startServer, type RunningServer } from './helpers/transport-harness.ts';

let server: RunningServer | undefined;
const open: ClientConnection[] = [];
afterEach(async () => {
  await Promise.allSettled(open.splice(0).map((c) => c.close()));
  await server?.close();
  server = undefined;
});

describe('socket.io load client', () => {
  it('echoes through the real socket.io server, text whole, and gets its broadcasts', async () => {
    server = await startServer('socketio');
    const got: string[] = [];
    const lean = await connectSocketIoLean({ host: '127.0.0.1', port: server.port, onMessage: (t) => got.push(t) });
    open.push(lean);
    const heard: string[] = [];
    open.push(await connectClient('socketio', { host: '127.0.0.1', port: server.port, onMessage: (t) => heard.push(t) }));
    await eventually(() => server!.hub.size === 2, 3000, 'both peers joined');
    const echo = encodePadded({ kind: MESSAGE_KINDS.echo, sender: 'a"b\\c', seq: 7, sentUs: nowUs() }, 64) + ' é ✓';
    lean.send(echo);
    await eventually(() => got.length === 1, 3000, 'the echo');
    expect(got[0]).toBe(echo);
    lean.send(encodePadded({ kind: MESSAGE_KINDS.broadcast, sender: 'l', seq: 1, sentUs: nowUs() }, 64));
    // the broadcast reaches the sender and socket.io-client alike: the packets are socket.io's own
    await eventually(() => got.length === 2 && heard.length === 1, 3000, 'the broadcast on both clients');
    expect(heard[0]).toBe(got[1]);
    await lean.close();
    await eventually(() => server!.hub.size === 1, 3000, 'the lean peer gone');
  });

  it('fails the connect, its cause readable, where nothing listens', async () => {
    server = await startServer('socketio');
    const port = server.port;
    await server.close();
    server = undefined;
    const error = await connectSocketIoLean({ host: '127.0.0.1', port, onMessage: () => {} }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failureCause(error)).toBe('refused');
  });

  it('drives only the capacity search, with text, and stays socketio\'s own', async () => {
    const socketio = transportNamed('socketio');
    const lean = await loadClientFor({ drivesServerToLimit: true }, socketio, { payloadKind: 'padding' });
    expect(lean).toBe(connectSocketIoLean);
    expect(await loadClientFor({}, socketio, { payloadKind: 'padding' })).not.toBe(connectSocketIoLean);
    expect(await loadClientFor({ drivesServerToLimit: true }, socketio, { payloadKind: 'binary' })).not.toBe(connectSocketIoLean);
    for (const variant of ['socketio-msgpack', 'socketio-recovery', 'socketio-deflate']) expect(transportNamed(variant).loadClient).toBeUndefined();
  });
});
