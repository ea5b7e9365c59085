import { performance } from 'node:perf_hooks';
import type { ClientConnection } from '../../clients/transport.ts';
import { LATE_SEND_US } from '../../protocol/control.ts';
import { nowUs } from '../../protocol/envelope.ts';
import { createHistogram, encodeHistogram, recordUs } from '../stats/histogram.ts';
import { healthFigures, latencyFigures } from './common-figures.ts';
import type { Figure, Scenario } from './scenario.ts';
import { myShare } from './shares.ts';

/** After the last connect resolves: time for a transport's follow-up (socket.io's first poll) to land. */
const SETTLE_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ignore = () => {};

/**
 * `connect`: a connection storm. Each load process starts its share of `sizes.connect.connections`
 * connection attempts on a fixed schedule (open loop: an attempt starts when due, whatever earlier ones
 * are doing, so a slow server faces the queue it would face), each bounded by the connect timeout.
 * Latency runs from calling connect() to the adapter's promise resolving (the transport's own handshake:
 * TCP, HTTP upgrade, socket.io's open and CONNECT packets, the first POST of the polling transports).
 * Handshake bytes are the server's socket counters over the storm divided by the connections opened.
 */
export const connect: Scenario = {
  name: 'connect',
  description: 'connection storm at a fixed rate: handshake latency p50/p99, handshake bytes up and down, failures',

  async load(ctx) {
    const { job } = ctx;
    const { connections, ratePerS } = job.sizes.connect;
    const mine = myShare(connections, job);
    const intervalMs = (1000 * job.workers) / ratePerS;
    const latency = createHistogram();
    const opened: ClientConnection[] = [];
    let failed = 0;
    let late = 0;
    const attempts: Promise<void>[] = [];
    try {
      // one connection made and closed first: a fresh process's first connect pays for loading and
      // compiling the client's code, which is not what a storm on a running client costs
      await ctx.connect(ignore).then((c) => c.close(), ignore);
      await ctx.mark('start');
      const t0 = performance.now();
      for (let i = 0; i < mine; i++) {
        const due = t0 + i * intervalMs;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        // an attempt that starts late is counted: its latency is timed from its start, not from when it was due
        if ((performance.now() - due) * 1000 > LATE_SEND_US) late++;
        const began = nowUs();
        attempts.push(
          ctx.connect(ignore).then(
            (c) => {
              recordUs(latency, nowUs() - began);
              opened.push(c);
            },
            () => void failed++,
          ),
        );
      }
      await Promise.all(attempts);
      await sleep(SETTLE_MS);
      await ctx.mark('end');
    } finally {
      await Promise.allSettled(attempts);
      await Promise.allSettled(opened.map((c) => c.close()));
    }
    return {
      histograms: { connect: encodeHistogram(latency) },
      // a connection is the unit here: sent = attempted, delivered = opened, lost = failed
      delivery: { sent: mine, delivered: opened.length, lost: failed, duplicated: 0, reordered: 0 },
      lateSends: late,
      values: { connect_attempted: mine, connect_opened: opened.length, connect_failed: failed },
    };
  },

  figures(point) {
    const { result, marks } = point;
    const { connections, ratePerS } = point.job.sizes.connect;
    const at = { connections, ratePerS };
    const values = result.values ?? {};
    const opened = values['connect_opened'] ?? result.delivery.delivered;
    const figures: Figure[] = [
      ...latencyFigures(result.histograms['connect'], 'connect', at),
      { metric: 'connect_opened', value: opened, unit: 'count', ...at },
      { metric: 'connect_failed', value: values['connect_failed'] ?? result.delivery.lost, unit: 'count', ...at },
      { metric: 'connect_late_starts', value: result.lateSends ?? 0, unit: 'count', ...at },
    ];
    const start = marks['start'];
    const end = marks['end'];
    if (start && end && opened > 0) {
      figures.push(
        { metric: 'handshake_bytes_up', value: (end.bytesRead - start.bytesRead) / opened, unit: 'B', ...at },
        { metric: 'handshake_bytes_down', value: (end.bytesWritten - start.bytesWritten) / opened, unit: 'B', ...at },
        // TCP connections the server holds per open connection: 2 for a transport with a second channel
        { metric: 'server_sockets_per_conn', value: end.connectionsOpen / opened, unit: 'ratio', ...at },
      );
    }
    return [...figures, ...healthFigures(point).map((f) => ({ ...f, ...at }))];
  },
};
