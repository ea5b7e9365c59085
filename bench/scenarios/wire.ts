import { POLL_INTERVAL_MS } from '../../clients/polling.ts';
import { deliveryFigures } from './common-figures.ts';
import type { Figure, LoadContext, MeasuredPoint, Scenario, ScenarioResult } from './scenario.ts';
import { EchoConnection, WIRE_SIZES, sleep } from './wire-exchange.ts';
import { BREAKDOWN_SIZE, breakdownFigures } from './wire-breakdown.ts';

/**
 * How long the wire scenario watches, by profile. Bytes are deterministic, so a few messages per size
 * suffice. The idle window is the one figure that needs time: socket.io pings every 25 s, so only the
 * full profile's 50 s (two intervals, so the count does not hang on where the window falls) sees its
 * heartbeat; the quick window reports what a few seconds show, and the report says so.
 */
const WINDOWS: Record<string, { messagesPerSize: number; idleS: number }> = {
  // idle bytes are the idle scenario's to measure well; this window only checks the sweep's connection
  quick: { messagesPerSize: 4, idleS: 1 },
  ci: { messagesPerSize: 4, idleS: 3 },
  full: { messagesPerSize: 20, idleS: 50 },
};
const DEFAULT_WINDOW = { messagesPerSize: 4, idleS: 3 };

/**
 * Pause after the last exchange of a window before its closing mark, so the client's next request (a
 * long-poll's new GET) lands inside it every time. Below the short-polling interval, so that polling's
 * handshake holds its first poll and no other.
 */
const SETTLE_MS = Math.min(20, POLL_INTERVAL_MS / 2);

export const windowsOf = (profile: string | undefined) => WINDOWS[profile ?? ''] ?? DEFAULT_WINDOW;

async function load(ctx: LoadContext): Promise<ScenarioResult> {
  const { messagesPerSize, idleS } = windowsOf(ctx.job.profile);
  const conn = new EchoConnection(ctx.job.replyTimeoutMs);
  try {
    // the handshake: connect() resolves when a message sent now would be delivered
    await ctx.capture('handshake', 'start');
    await ctx.mark('handshake-start');
    await conn.open(ctx);
    await sleep(SETTLE_MS);
    await ctx.mark('handshake-end');
    await ctx.capture('handshake', 'stop');
    await conn.exchange(BREAKDOWN_SIZE); // anything a transport does lazily on its first message (SSE's POST socket)
    await sleep(SETTLE_MS);
    for (const size of WIRE_SIZES) {
      await ctx.mark(`size-${size}-start`);
      for (let i = 0; i < messagesPerSize; i++) await conn.exchange(size);
      await sleep(SETTLE_MS);
      await ctx.mark(`size-${size}-end`);
    }
    // one exchange kept byte for byte, for the breakdown by part; nothing is timed while capturing
    await ctx.capture('message', 'start');
    await conn.exchange(BREAKDOWN_SIZE);
    await sleep(SETTLE_MS);
    await ctx.capture('message', 'stop');
    await ctx.mark('idle-start');
    await sleep(idleS * 1000);
    await ctx.mark('idle-end');
  } finally {
    await conn.close();
  }
  return { histograms: {}, delivery: conn.delivery, values: { messages_per_size: messagesPerSize, idle_window_s: idleS } };
}

function figures(point: MeasuredPoint): Figure[] {
  const { marks, job, result } = point;
  // every load process holds one connection: bytes are per connection
  const conns = job.workers;
  const delta = (name: string) => {
    const a = marks[`${name}-start`];
    const b = marks[`${name}-end`];
    return a && b ? { up: (b.bytesRead - a.bytesRead) / conns, down: (b.bytesWritten - a.bytesWritten) / conns } : undefined;
  };
  const out: Figure[] = [];
  const handshake = delta('handshake');
  if (handshake) {
    out.push({ metric: 'handshake_bytes_up', value: handshake.up, unit: 'B' });
    out.push({ metric: 'handshake_bytes_down', value: handshake.down, unit: 'B' });
  }
  const perSize = (result.values?.['messages_per_size'] ?? 0) / conns;
  for (const size of WIRE_SIZES) {
    const d = delta(`size-${size}`);
    if (!d || perSize <= 0) continue;
    const up = d.up / perSize;
    const down = d.down / perSize;
    out.push({ metric: 'bytes_up_per_msg', value: up, unit: 'B', payloadBytes: size });
    out.push({ metric: 'bytes_down_per_msg', value: down, unit: 'B', payloadBytes: size });
    // an echo carries the payload twice, once each way
    out.push({ metric: 'overhead_ratio', value: (up + down) / (2 * size), unit: 'ratio', payloadBytes: size });
  }
  const idle = delta('idle');
  const idleS = (result.values?.['idle_window_s'] ?? 0) / conns;
  if (idle && idleS > 0) {
    out.push({ metric: 'idle_bytes_per_min', value: ((idle.up + idle.down) / idleS) * 60, unit: 'B' });
    out.push({ metric: 'idle_window_us', value: idleS * 1e6, unit: 'us' });
  }
  return [...out, ...breakdownFigures(point), ...deliveryFigures(result.delivery)];
}

export const wire: Scenario = {
  name: 'wire',
  description:
    'bytes on the wire: handshake, per message up and down over a payload sweep (16 B to 64 KiB), idle ' +
    'heartbeats per minute, and one exchange broken down by part from the captured bytes',
  load,
  figures,
  maxTrials: 1,
  // the overhead table beside the 2010 original belongs to the wire story
  brings: ['overhead'],
};
