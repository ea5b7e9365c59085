import websocket from 'websocket';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MESSAGE_KINDS, encodePadded } from '../protocol/envelope.ts';
import type { SocketIoTransport } from '../servers/socketio-server.ts';
import { connectRecording, startServer, type RecordingClient, type RunningServer } from './helpers/transport-harness.ts';

/**
 * A broadcast goes through the library's own broadcast where it has one, as its users write it: socket.io's
 * io.emit (the adapter encodes the packet once for every socket) and WebSocket-Node's broadcastUTF. Sending
 * to each peer in a loop of the suite's own would reach the same clients and fail these.
 */
const broadcastText = (seq: number) => encodePadded({ kind: MESSAGE_KINDS.broadcast, sender: 'room', seq, sentUs: 1 }, 64);

describe('broadcasts through the library', () => {
  let server: RunningServer | undefined;
  const clients: RecordingClient[] = [];
  afterEach(async () => {
    await Promise.allSettled(clients.splice(0).map((c) => c.conn.close()));
    await server?.close();
    server = undefined;
    vi.restoreAllMocks();
  });

  async function room(transport: string, size: number): Promise<RecordingClient[]> {
    if (!server) throw new Error('no server');
    for (let i = 0; i < size; i++) clients.push(await connectRecording(transport, server.port));
    return clients;
  }

  it("socketio: one io.emit per broadcast, through the adapter's broadcast, reaching every socket once", async () => {
    server = await startServer('socketio');
    const adapter = (server.transport as SocketIoTransport).io.of('/').adapter;
    const broadcasts = vi.spyOn(adapter, 'broadcast');
    const members = await room('socketio', 3);
    for (let seq = 0; seq < 4; seq++) members[0]?.conn.send(broadcastText(seq));
    await Promise.all(members.map((m) => m.waitFor(4)));
    expect(broadcasts).toHaveBeenCalledTimes(4);
    // the engine counts what it wrote: 4 broadcasts to 3 sockets
    expect(server.hub.messagesOut).toBe(12);
  });

  it('websocket: one broadcastUTF per broadcast', async () => {
    const broadcastUTF = vi.spyOn(websocket.server.prototype, 'broadcastUTF');
    server = await startServer('websocket');
    const members = await room('websocket', 3);
    for (let seq = 0; seq < 4; seq++) members[0]?.conn.send(broadcastText(seq));
    await Promise.all(members.map((m) => m.waitFor(4)));
    expect(broadcastUTF).toHaveBeenCalledTimes(4);
    expect(server.hub.messagesOut).toBe(12);
  });
});
