import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FromServer, ServerStats } from '../protocol/control.ts';
import { MESSAGE_KINDS, encode, encodePadded } from '../protocol/envelope.ts';
import { ClientSocketBytes } from '../bench/processes/client-socket-bytes.ts';
import { Child, ROOT } from '../bench/processes/child-process.ts';
import { resolveRuntime } from '../bench/runtimes/resolve.ts';
import { connectRecording, sleep, type RecordingClient } from './helpers/transport-harness.ts';
import { parseOptions } from '../bench/cli/bench-options.ts';
import { Orchestrator } from '../bench/run/orchestrator.ts';
import { measured } from './helpers/points.ts';

/**
 * bun-ws in its real server process on Bun (installed into the suite's cache on first use), loaded by
 * ws's client from this process. Bun gives no socket byte counts, so the server counts frames: its
 * counts must be what the client's real TCP socket moved, handshake and close included, and a 64 B
 * echo costs exactly RFC 6455's 64 + 6 B up (header and masking key) and 64 + 2 B down.
 */
const stats = async (server: Child) => (await server.request<Extract<FromServer, { t: 'wb:stats' }>>({ t: 'wb:stats' }, 5000)).stats;
const message = (size: number, seq: number) => encodePadded({ kind: MESSAGE_KINDS.echo, sender: 'c', seq, sentUs: 0 }, size);

describe('bun-ws on Bun', () => {
  let server: Child;
  let port = 0;
  beforeAll(async () => {
    server = new Child(join(ROOT, 'bench', 'processes', 'server-process.ts'), { runtime: resolveRuntime('bun'), args: ['bun-ws'] });
    port = (await server.waitFor<{ t: string; port: number }>('wb:ready', 20_000)).port;
  }, 300_000);
  afterAll(async () => {
    await server?.kill();
  });

  it('counts a 64 B echo exactly as RFC 6455 sizes it: 70 B up, 66 B down', async () => {
    const client = await connectRecording('bun-ws', port);
    try {
      await server.request({ t: 'wb:reset' }, 5000);
      const text = message(64, 1);
      client.conn.send(text);
      expect(await client.waitFor(1)).toEqual([text]);
      const s: ServerStats = await stats(server);
      expect([s.bytesRead, s.bytesWritten]).toEqual([64 + 2 + 4, 64 + 2]);
      expect([s.messagesIn, s.messagesOut]).toEqual([1, 1]);
    } finally {
      await client.conn.close();
    }
  });

  it("counts what the client's socket moved, handshake, a 64 KiB echo and the close handshake included", async () => {
    const before = await stats(server);
    const sockets = new ClientSocketBytes();
    let client: RecordingClient | undefined;
    try {
      sockets.start();
      client = await connectRecording('bun-ws', port);
      for (const [i, size] of [64, 200, 64 * 1024].entries()) {
        const text = message(size, i);
        client.conn.send(text);
        await client.waitFor(i + 1);
      }
      await client.conn.close();
      await sleep(100); // the server's close callback runs after the client saw the close
      sockets.end();
    } finally {
      sockets.stop();
    }
    const after = await stats(server);
    expect(after.connectionsOpen).toBe(0);
    expect(after.connectionsAccepted - before.connectionsAccepted).toBe(1);
    expect({ up: after.bytesRead - before.bytesRead, down: after.bytesWritten - before.bytesWritten }).toEqual(sockets.window);
  });

  it('broadcasts to every connection once, through Bun.serve.publish, counted per receiver', async () => {
    const clients = await Promise.all(Array.from({ length: 3 }, () => connectRecording('bun-ws', port)));
    try {
      await server.request({ t: 'wb:reset' }, 5000);
      const text = encode({ kind: MESSAGE_KINDS.broadcast, sender: 'c0', seq: 9, sentUs: 9, body: 'to everyone' });
      clients[0]?.conn.send(text);
      await Promise.all(clients.map((c) => c.waitFor(1)));
      await sleep(100);
      for (const c of clients) expect(c.received).toEqual([text]);
      const s = await stats(server);
      const bytes = Buffer.byteLength(text);
      expect([s.bytesRead, s.bytesWritten, s.messagesOut]).toEqual([bytes + 6, 3 * (bytes + 2), 3]);
    } finally {
      await Promise.all(clients.map((c) => c.conn.close()));
    }
  });
});

/**
 * A point on Bun through the orchestrator, as the bench runs it: bun-ws's own counts are figures; ws's
 * server on Bun is Bun's own (Bun swaps the package for it) on node:http, whose sockets count nothing,
 * so its wire-byte figures are left out with a warning rather than reported as 0 B.
 */
describe('echo points on Bun', () => {
  it.each([
    ['bun-ws', true],
    ['ws', false],
  ])('%s: wire bytes reported only where counted (%s)', { timeout: 120_000 }, async (transport, counted) => {
    const parsed = parseOptions(['--runtimes', 'bun', '--transports', transport, '--scenarios', 'echo', '--messages', '200', '--warmup', '20', '--trials', '1', '--quiet']);
    if (parsed.help) throw new Error('unexpected --help');
    const point = measured(await new Orchestrator(parsed.config).runPoint({ trial: 1, transport, scenario: 'echo', client: 'node', runtime: 'bun' }));
    expect(point.runtime).toBe('bun');
    const figure = (metric: string) => point.figures.find((f) => f.metric === metric)?.value;
    expect(figure('rtt_p50')).toBeGreaterThan(0);
    expect(figure('delivered')).toBe(figure('sent'));
    if (counted) {
      expect([figure('bytes_up_per_msg'), figure('bytes_down_per_msg')]).toEqual([70, 66]);
      expect(point.warnings.map((w) => w.title)).not.toContain('wire bytes not counted');
    } else {
      expect([figure('bytes_up_per_msg'), figure('bytes_down_per_msg')]).toEqual([undefined, undefined]);
      expect(point.warnings.find((w) => w.title === 'wire bytes not counted')?.detail).toMatch(/^on bun: Bun's node:http does not count its sockets' bytes/);
    }
  });
});
