import { PAYLOAD_KINDS } from '../../../protocol/payload.ts';
import { gated, TAIL_MIN_EFFECT } from '../../compare/metric-rule.ts';
import type { Figure } from '../../results/figure.ts';
import { deliveryFigures, healthFigures, latencyFigures, serverFigures } from '../common-figures.ts';
import { defineScenario } from '../scenario.ts';
import { loadEcho } from './load.ts';
import { echoReport } from './report.ts';
import { echoFromV1, mergeEcho, type EchoData } from './result.ts';

/** Echo's sizes are the run's own (--messages, --warmup, --duration, --rate, --connections): nothing of its own. */
export type EchoSizes = Record<string, never>;

export const echo = defineScenario<EchoSizes, EchoData>({
  // its messages are made by load/message-sender.ts of the run's kind
  payloadKinds: PAYLOAD_KINDS,
  name: 'echo',
  description:
    'echo round trips: closed loop (each connection waits for its echo before the next send), or open loop ' +
    'at a fixed rate (--rate) with latency timed from the scheduled send',
  sizes: { quick: {}, full: {}, ci: {} },

  load: loadEcho,
  merge: mergeEcho,

  figures(point) {
    const { result } = point;
    const figures: Figure[] = [...latencyFigures(result.data.rtt, 'rtt')];
    if (point.job.ratePerS !== undefined) {
      figures.push(...latencyFigures(result.data.rttUncorrected, 'rtt_uncorrected'));
      figures.push({ metric: 'late_sends', value: result.schedule?.lateSends ?? 0, unit: 'count' });
    }
    const seconds = result.health.elapsedUs / 1e6;
    if (seconds > 0) figures.push({ metric: 'msgs_per_s', value: (result.delivery?.delivered ?? 0) / seconds, unit: 'msg/s' });
    const warmup = result.data.warmup;
    if (warmup !== undefined) figures.push({ metric: 'warmup_round_trips', value: warmup.done, unit: 'count' });
    if (warmup?.ms !== undefined) figures.push({ metric: 'warmup_time', value: Math.round(warmup.ms * 1000), unit: 'us' });
    return [...figures, ...serverFigures(point), ...healthFigures(point), ...deliveryFigures(result.delivery)];
  },

  warnings({ job, result }) {
    const warmup = result.data.warmup;
    if (warmup === undefined) return [];
    const done = Math.round(warmup.done).toLocaleString('en-US');
    if (warmup.settled === undefined) {
      // a run from before the warm-up waited for the round trip to settle: most of the count is near enough
      if (warmup.done >= warmup.asked / 2) return [];
      const detail = `of ${warmup.asked.toLocaleString('en-US')} round trips in ${job.warmupS} s. V8 optimises a message path only after a few thousand, so its latency is likely above a warm server's.`;
      return [{ title: 'warm-up cut short', value: done, detail }];
    }
    if (warmup.settled) return [];
    const medians = warmup.batchP50Us ?? [];
    const trend = medians.length > 1 ? ` (batch medians ${medians[0]} µs first, ${medians.at(-1)} µs last)` : '';
    return [
      {
        title: 'warm-up cut short',
        value: done,
        detail:
          `round trips in ${job.warmupS} s, and the round-trip time had not settled${trend}: ` +
          "the figures are partly a cold server's, its latency likely above a warm one's.",
      },
    ];
  },

  report: echoReport,
  ownServer: 'each text message echoed back to its sender, verbatim, as text',

  // msgs/s is not gated: in a closed loop it is connections / mean round trip, so it rides on the same
  // stalls as the mean (in an open loop it is the offered rate)
  inCompareRuns: true,
  gate: gated({
    noisyLower: ['rtt_p50', 'rtt_p99', 'server_cpu_us_per_msg', 'rtt_p50_vs_yardstick'],
    exact: ['bytes_up_per_msg', 'bytes_down_per_msg'],
    minEffect: { rtt_p99: TAIL_MIN_EFFECT },
  }),

  browser: async () => (await import('./browser.ts')).browserEcho,
  upgradeV1: echoFromV1,
});
