import { afterEach, describe, expect, it } from 'vitest';
import { HttpChannel, newClientId } from '../clients/http-channel.ts';
import { DEFAULT_LIMITS } from '../servers/limits.ts';
import { eventually, sleep, startServer, type RunningServer } from './helpers/transport-harness.ts';

/**
 * A long-poll client slow to ask again (a starved one took 45 s after a broadcast to 50,000 here) is not
 * gone while its connection is open; one whose connection closed is forgotten after absentPeerMs.
 */
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ABSENT_MS = 100;

describe('longpoll: when a peer is gone', () => {
  it('keeps a client that is slow to poll again on an open connection, and forgets it once that connection closes', async () => {
    server = await startServer('longpoll', '127.0.0.1', 0, { ...DEFAULT_LIMITS, absentPeerMs: ABSENT_MS, sweepIntervalMs: 20 });
    const running = server;
    const id = newClientId();
    const channel = new HttpChannel('127.0.0.1', running.port);
    try {
      expect((await channel.request('POST', `/open?id=${id}`)).status).toBe(204);
      const answered = channel.request('GET', `/poll?id=${id}`);
      await sleep(50);
      running.hub.deliver('first');
      expect(await answered).toEqual({ status: 200, body: '["first"]' });

      // four absent windows with no poll, on a connection still open: still a peer, and its next poll is answered
      await sleep(ABSENT_MS * 4);
      expect(running.hub.size).toBe(1);
      const next = channel.request('GET', `/poll?id=${id}`);
      await sleep(50);
      running.hub.deliver('second');
      expect(await next).toEqual({ status: 200, body: '["second"]' });

      // its connection gone and no poll since: forgotten
      channel.drop();
      await eventually(() => running.hub.size === 0, 3000, 'the peer forgotten after its connection closed');
    } finally {
      channel.close();
    }
  });

  it("keeps a client's idle connection open past Node's default 5 s, so a slow client asks again on it", async () => {
    server = await startServer('longpoll');
    const running = server;
    const id = newClientId();
    const channel = new HttpChannel('127.0.0.1', running.port);
    try {
      expect((await channel.request('POST', `/open?id=${id}`)).status).toBe(204);
      await sleep(5500);
      expect((await channel.request('POST', `/close?id=${id}`)).status).toBe(204);
      expect(running.meter.read().connectionsAccepted).toBe(1);
    } finally {
      channel.close();
    }
  });
});
