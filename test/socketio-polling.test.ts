import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGE_KINDS, encodePadded } from '../protocol/envelope.ts';
import { connectRecording, startServer, type RunningServer } from './helpers/transport-harness.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ECHOES = 20;

/**
 * The README's claim about socketio-polling, measured: socket.io-client's Node polling transport
 * (XMLHttpRequest from xmlhttprequest-ssl, no keep-alive agent) opens a new TCP connection for every
 * request, so every echo costs at least a POST and the poll that carries its answer, each on a
 * connection of its own.
 */
describe('socketio-polling', () => {
  it('opens a TCP connection per HTTP request', async () => {
    server = await startServer('socketio-polling');
    const client = await connectRecording('socketio-polling', server.port);
    try {
      const before = server.meter.read().connectionsAccepted;
      for (let seq = 0; seq < ECHOES; seq++) {
        client.conn.send(encodePadded({ kind: MESSAGE_KINDS.echo, sender: 'c', seq, sentUs: 0 }, 64));
        await client.waitFor(seq + 1);
      }
      // one POST up and at least one poll down per echo, each on a fresh connection
      expect(server.meter.read().connectionsAccepted - before).toBeGreaterThanOrEqual(2 * ECHOES);
    } finally {
      await client.conn.close();
    }
  });
});
