import { describe, expect, it } from 'vitest';
import { MESSAGE_KINDS, decode, encode, encodePushBody } from '../protocol/envelope.ts';
import { DEFAULT_LIMITS } from '../servers/limits.ts';
import { connectRecording, startServer } from './helpers/transport-harness.ts';

/**
 * A push larger than the slow-reader limit reaches a client that reads: the hub pauses above its
 * high-water mark instead of queueing the whole stream, so the peer is never evicted for it.
 */
describe.each(['ws', 'longpoll'])('%s push under backpressure', (transport) => {
  it('streams more than maxBufferedBytes to a reading client, complete and in order', async () => {
    const size = 16 * 1024;
    const count = Math.ceil((DEFAULT_LIMITS.maxBufferedBytes * 1.25) / size); // 40 MiB in all
    const server = await startServer(transport);
    const client = await connectRecording(transport, server.port);
    try {
      client.conn.send(encode({ kind: MESSAGE_KINDS.pushRequest, sender: 'c', seq: 1, sentUs: 0, body: encodePushBody(count, size) }));
      const got = await client.waitFor(count, 60_000);
      expect(server.hub.evicted).toBe(0);
      expect(got).toHaveLength(count);
      expect(got.every((text, i) => decode(text)?.seq === i)).toBe(true);
    } finally {
      await client.conn.close();
      await server.close();
    }
  }, 90_000);
});
