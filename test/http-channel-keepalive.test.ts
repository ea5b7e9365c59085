import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpChannel, newClientId } from '../clients/http-channel.ts';
import { startServer, type RunningServer } from './helpers/transport-harness.ts';

/**
 * An idle HTTP client's socket probes TCP keep-alive after 45 s, as a browser's, not after http.Agent's
 * 1 s: at 100,000 idle long-poll clients those probes alone were 70,000 packets a second here. Read from
 * the kernel (`ss` shows each socket's keep-alive timer).
 */
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('HttpChannel: TCP keep-alive', () => {
  it('waits 45 s, not 1 s, before probing an idle connection', async () => {
    server = await startServer('longpoll');
    const channel = new HttpChannel('127.0.0.1', server.port);
    try {
      expect((await channel.request('POST', `/open?id=${newClientId()}`)).status).toBe(204);
      const sockets = execFileSync('ss', ['-tnoH', 'state', 'established', 'dport', `= :${server.port}`], { encoding: 'utf8' });
      const timers = [...sockets.matchAll(/timer:\(keepalive,([^,]+),/g)].map((m) => m[1] ?? '');
      expect(timers).toHaveLength(1);
      // ss writes under a second as "NNNms", more as "NNsec" or "NminNNsec"
      expect(timers[0]).toMatch(/sec|min/);
      const seconds = Number(/(\d+(?:\.\d+)?)sec/.exec(timers[0] ?? '')?.[1] ?? 0) + 60 * Number(/(\d+)min/.exec(timers[0] ?? '')?.[1] ?? 0);
      expect(seconds).toBeGreaterThan(30);
    } finally {
      channel.close();
    }
  });
});
