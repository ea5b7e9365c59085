import { afterEach, describe, expect, it } from 'vitest';
import type { LoadJob } from '../protocol/control.ts';
import { runBrowserJob } from '../bench/browser/run-job.ts';
import { missingBrowser } from '../bench/browser/support.ts';
import { fanout } from '../bench/scenarios/fanout/scenario.ts';
import type { FanoutData } from '../bench/scenarios/fanout/result.ts';
import { startServer, type RunningServer } from '../transports/start.ts';

const ROOM = 5;
const BROADCASTS = 5;

const missing = missingBrowser();
const required = process.env['CI'] !== undefined;

/**
 * A room bigger than one frame may hold over HTTP (two connections a frame): the receivers spread over
 * iframes on hosts of their own, and every one of them gets every broadcast, timed.
 */
describe.skipIf(missing !== undefined && !required)('browser client fanout over iframes', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('sse: a room of 5 in 3 frames receives every broadcast', { timeout: 45_000 }, async () => {
    server = await startServer('sse');
    const sizes = { rooms: [ROOM], broadcasts: BROADCASTS };
    const job: LoadJob = {
      transport: 'sse',
      scenario: 'fanout',
      client: 'browser',
      host: '127.0.0.1',
      port: server.port,
      payloadBytes: 64,
      connections: 1,
      messages: 0,
      warmup: 0,
      durationS: 5,
      warmupS: 0,
      sizes,
      worker: 0,
      workers: 1,
      replyTimeoutMs: 5_000,
    p99BoundUs: 10_000,
    };
    const result = await runBrowserJob(job, { mark: async () => {}, capture: async () => {}, progress: () => {} });
    expect(result.delivery).toMatchObject({ sent: ROOM * BROADCASTS, delivered: ROOM * BROADCASTS, lost: 0, duplicated: 0 });
    // the scenario's figures read the browser's result as they read the Node client's
    const figures = fanout.figures({ job, sizes, result: result as typeof result & { data: FanoutData }, marks: {} });
    const last = figures.find((f) => f.metric === 'fanout_last_p50');
    expect(last?.connections).toBe(ROOM);
    expect(last?.value).toBeGreaterThan(0);
  });
});
