import { PAYLOAD_KINDS } from '../../../protocol/payload.ts';
import { performance } from 'node:perf_hooks';
import type { ClientConnection } from '../../../clients/transport.ts';
import { nowUs } from '../../../protocol/envelope.ts';
import { gated, TAIL_MIN_EFFECT } from '../../compare/metric-rule.ts';
import { LATE_SEND_US } from '../../load/health.ts';
import { myShare } from '../../load/shares.ts';
import { sleep } from '../../load/sleep.ts';
import type { Figure } from '../../results/figure.ts';
import { createHistogram, encodeHistogram, mergeHistograms, recordUs } from '../../stats/histogram.ts';
import { healthFigures, latencyFigures } from '../common-figures.ts';
import { defineScenario } from '../scenario.ts';
import { connectReport } from './report.ts';

export interface ConnectSizes {
  /** connections opened, on a fixed schedule */
  connections: number;
  /** connection attempts started per second, over all load processes */
  ratePerS: number;
}

/** A storm: how long each attempt took to be usable, and how the attempts ended. */
export interface ConnectData {
  /** attempt to usable connection, an encoded HDR histogram in µs */
  latency: string;
  attempted: number;
  opened: number;
  failed: number;
  /** attempts that started more than the late-send threshold after they were due */
  lateStarts: number;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** After the last connect resolves: time for a transport's follow-up (socket.io's first poll) to land. */
const SETTLE_MS = 50;

/** What the storm's connections receive, and the first warm-up connection's failure: the storm's own attempts count theirs. */
const ignore = () => {};

/**
 * `connect`: a connection storm. Each load process starts its share of `sizes.connect.connections`
 * connection attempts on a fixed schedule (open loop: an attempt starts when due, whatever earlier ones
 * are doing, so a slow server faces the queue it would face), each bounded by the connect timeout.
 * Latency runs from calling connect() to the adapter's promise resolving (the transport's own handshake:
 * TCP, HTTP upgrade, socket.io's open and CONNECT packets, the first POST of the polling transports).
 * Handshake bytes are the server's socket counters over the storm divided by the connections opened.
 */
export const connect = defineScenario<ConnectSizes, ConnectData>({
  // it sends no message: every kind is the same to it
  payloadKinds: PAYLOAD_KINDS,
  name: 'connect',
  description: 'connection storm at a fixed rate: handshake latency p50/p99, handshake bytes up and down, failures',
  sizes: {
    quick: { connections: 100, ratePerS: 400 },
    full: { connections: 1000, ratePerS: 500 },
    ci: { connections: 100, ratePerS: 400 },
  },
  withConnections: (sizes, connections) => ({ ...sizes, connections }),

  async load(ctx) {
    const { job } = ctx;
    const { connections, ratePerS } = ctx.sizes;
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
      data: { latency: encodeHistogram(latency), attempted: mine, opened: opened.length, failed, lateStarts: late },
      // a connection is the unit here: sent = attempted, delivered = opened, lost = failed
      delivery: { sent: mine, delivered: opened.length, lost: failed, duplicated: 0, reordered: 0 },
    };
  },

  merge: (parts) => ({
    latency: encodeHistogram(mergeHistograms(parts.map((p) => p.latency))),
    attempted: sum(parts.map((p) => p.attempted)),
    opened: sum(parts.map((p) => p.opened)),
    failed: sum(parts.map((p) => p.failed)),
    lateStarts: sum(parts.map((p) => p.lateStarts)),
  }),

  figures(point) {
    const { result, marks } = point;
    const { connections, ratePerS } = point.sizes;
    const at = { connections, ratePerS };
    const { opened, failed, lateStarts } = result.data;
    const figures: Figure[] = [
      ...latencyFigures(result.data.latency, 'connect', at),
      { metric: 'connect_opened', value: opened, unit: 'count', ...at },
      { metric: 'connect_failed', value: failed, unit: 'count', ...at },
      { metric: 'connect_late_starts', value: lateStarts, unit: 'count', ...at },
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

  report: connectReport,
  gate: gated({
    noisyLower: ['connect_p50', 'connect_p99'],
    exact: ['handshake_bytes_up', 'handshake_bytes_down'],
    minEffect: { connect_p99: TAIL_MIN_EFFECT },
  }),
  inCompareRuns: true,

  /** Schema 1 kept the histogram as `connect`, the counts as `connect_*` and late starts as `lateSends`. */
  upgradeV1(old) {
    const values = old.values ?? {};
    return {
      latency: old.histograms['connect'] ?? encodeHistogram(createHistogram()),
      attempted: values['connect_attempted'] ?? 0,
      opened: values['connect_opened'] ?? 0,
      failed: values['connect_failed'] ?? 0,
      lateStarts: old.lateSends ?? 0,
    };
  },
});
