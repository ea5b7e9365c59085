import { afterEach, describe, expect, it } from 'vitest';
import { transportNamed } from '../transports/registry.ts';
import type { LoadJob } from '../protocol/control.ts';
import { runBrowserJob } from '../bench/browser/run-job.ts';
import { missingBrowser } from '../bench/browser/support.ts';
import { ClosedLoop } from '../bench/load/closed-loop.ts';
import { createHistogram } from '../bench/stats/histogram.ts';
import type { EchoData } from '../bench/scenarios/echo/result.ts';
import { decodeHistogram } from '../bench/stats/histogram.ts';
import { startServer, type RunningServer } from '../transports/start.ts';

const MESSAGES = 40;
const WARMUP = 5;
const PAYLOAD = 64;
const HTTP_TRANSPORTS = new Set(['sse', 'longpoll']);

/** Bytes the server counted per message in the measured window. */
interface PerMessage {
  up: number;
  down: number;
}

function job(transport: string, port: number): LoadJob {
  return {
    transport,
    scenario: 'echo',
    client: 'browser',
    host: '127.0.0.1',
    port,
    payloadBytes: PAYLOAD,
    connections: 1,
    messages: MESSAGES,
    warmup: WARMUP,
    durationS: 20,
    warmupS: 5,
    sizes: {},
    worker: 0,
    workers: 1,
    replyTimeoutMs: 5_000,
    p99BoundUs: 10_000,
  };
}

/** Reads the server's byte meter at `start` and `end`, as the orchestrator's marks do over IPC. */
function meterMarks(server: RunningServer) {
  const at: Record<string, { bytesRead: number; bytesWritten: number }> = {};
  const perMessage = (sent: number): PerMessage => {
    const a = at['start'];
    const b = at['end'];
    if (!a || !b || sent === 0) return { up: 0, down: 0 };
    return { up: (b.bytesRead - a.bytesRead) / sent, down: (b.bytesWritten - a.bytesWritten) / sent };
  };
  return { mark: async (name: string) => void (at[name] = server.meter.read()), perMessage };
}

/** The Node client's closed loop over the same server, for the comparison. */
async function nodeEcho(transport: string, server: RunningServer): Promise<PerMessage> {
  const connect = await transportNamed(transport).client();
  const loop = new ClosedLoop({ sender: 'n0', payloadBytes: PAYLOAD, replyTimeoutMs: 5_000 });
  await loop.open((onMessage) => connect({ host: '127.0.0.1', port: server.port, onMessage }));
  const meter = meterMarks(server);
  try {
    await loop.run(WARMUP, 5_000);
    await meter.mark('start');
    const d = await loop.run(MESSAGES, 20_000, createHistogram()); // a histogram: the loop counts delivery only when measuring
    await meter.mark('end');
    expect(d.delivered).toBe(MESSAGES);
    return meter.perMessage(d.sent);
  } finally {
    await loop.close();
  }
}

// CI installs Chromium (.ci/run); elsewhere a machine without it skips, and says why
const missing = missingBrowser();
const required = process.env['CI'] !== undefined;

/** Echo from a real page in headless Chromium: every round trip delivered, and the server counted its bytes. */
describe.skipIf(missing !== undefined && !required)(`browser client echo${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  for (const transport of ['ws', 'sse', 'longpoll', 'socketio', 'sse-h2']) {
    it(`${transport}: echo from a page, bytes counted by the server`, { timeout: 45_000 }, async () => {
      server = await startServer(transport);
      const meter = meterMarks(server);
      const result = await runBrowserJob(job(transport, server.port), { mark: meter.mark, capture: async () => {}, progress: () => {} });
      expect(result.delivery).toEqual({ sent: MESSAGES, delivered: MESSAGES, lost: 0, duplicated: 0, reordered: 0 });
      const rtt = decodeHistogram((result.data as EchoData).rtt);
      expect(rtt.totalCount).toBe(MESSAGES);
      // the window holds every round trip it timed, one after another
      expect(result.health.elapsedUs).toBeGreaterThanOrEqual(rtt.mean * MESSAGES * 0.99);
      const browser = meter.perMessage(MESSAGES);
      // every message crossed the server's sockets both ways, at least its payload each way
      expect(browser.up).toBeGreaterThanOrEqual(PAYLOAD);
      expect(browser.down).toBeGreaterThanOrEqual(PAYLOAD);
      // Chromium's WebSocket to a server that declines compression: one frame each way, RFC 6455's
      // 2 B header, and 4 B of mask upstream
      if (transport === 'ws') expect(browser).toEqual({ up: PAYLOAD + 6, down: PAYLOAD + 2 });
      // HTTP/2 over TLS: the page's event stream and every POST on one connection (the page itself is answered by the session)
      if (transport === 'sse-h2') expect(server.meter.read().connectionsAccepted).toBe(1);
      if (HTTP_TRANSPORTS.has(transport)) {
        // a page's requests carry the browser's headers (user agent, sec-fetch-*, origin, ...): never fewer bytes
        const node = await nodeEcho(transport, server);
        expect(browser.up).toBeGreaterThan(node.up);
        expect(browser.up + browser.down).toBeGreaterThanOrEqual(node.up + node.down);
      }
    });
  }
});
