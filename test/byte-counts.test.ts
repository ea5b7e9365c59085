import { describe, expect, it } from 'vitest';
import { MESSAGE_KINDS, encodePadded } from '../protocol/envelope.ts';
import { connectRecording, startServer } from './helpers/transport-harness.ts';

/**
 * RFC 6455 fixes a WebSocket text frame of under 126 bytes at a 2-byte header, plus a 4-byte mask
 * key when the client sends it: so a 64-byte message costs exactly 70 bytes up and 66 down.
 */
describe.each(['ws', 'websocket'])('%s byte counts', (transport) => {
  it('a 64-byte text message costs 70 bytes upstream and 66 downstream', async () => {
    const server = await startServer(transport);
    const client = await connectRecording(transport, server.port);
    try {
      const rounds = 10;
      server.meter.reset();
      for (let seq = 0; seq < rounds; seq++) {
        client.conn.send(encodePadded({ kind: MESSAGE_KINDS.echo, sender: 'c', seq, sentUs: 0 }, 64));
        await client.waitFor(seq + 1);
      }
      const counts = server.meter.read();
      expect(counts.bytesRead).toBe(70 * rounds);
      expect(counts.bytesWritten).toBe(66 * rounds);
    } finally {
      await client.conn.close();
      await server.close();
    }
  });
});
