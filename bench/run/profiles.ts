/**
 * Named sizes for a run. A flag given on the command line wins over its profile's value.
 * quick: the default `npm run bench`, a few minutes here. full: the sizes the issues name, longer.
 * ci: what the regression gate repeats for base and head, small enough to alternate them several times.
 */
import type { ScenarioSizes } from '../../protocol/control.ts';

export interface Profile {
  messages: number;
  warmup: number;
  /** trials per point, unless the scenario has its own here (a scenario's maxTrials caps both) */
  trials: number;
  scenarioTrials?: Record<string, number>;
  durationS: number;
  warmupS: number;
  /**
   * time the plain ping-pong with every point, in slices inside echo's measured window (after the
   * window for other scenarios), not only once per trial: the regression gate divides by it, because
   * this machine's speed steps by 20-70% for seconds to tens of seconds at a time
   */
  yardstickEachPoint?: boolean;
  sizes: ScenarioSizes;
}

const MS = 1000;

export const PROFILES: Record<string, Profile> = {
  quick: {
    messages: 1000,
    // V8 optimises the message path only after a few thousand round trips (ws p50 here: 80-200 us after
    // 200, 38-48 us after 3,000); the warm-up stops at warmupS whatever the count, so slow transports pay nothing
    warmup: 3000,
    // echo three times, for the verdict's intervals; every other scenario once, to stay within minutes
    trials: 1,
    scenarioTrials: { echo: 3 },
    durationS: 1,
    warmupS: 0.5,
    sizes: {
      throughput: { sizes: [64], startRate: 500, maxRate: 16_000, stepS: 0.4, p99BoundUs: 10 * MS },
      push: { clients: [1, 20], messages: 2000 },
      fanout: { rooms: [10, 100], broadcasts: 20 },
      connect: { connections: 100, ratePerS: 400 },
      // half a second of quiet: no heartbeat of the defaults comes that soon, so longer only costs time
      idle: { counts: [100, 400], windowS: 0.5 },
      // EventSource retries after 3 s: a 3.5 s window with the drop at 0.3 s sees it back (and the grace after
      // the last broadcast lets its replay arrive)
      churn: { connections: 20, dropShare: 0.5, ratePerS: 40, durationS: 3.5, dropAtS: 0.3 },
    },
  },
  full: {
    messages: 5000,
    warmup: 3000,
    trials: 5,
    durationS: 10,
    warmupS: 2,
    sizes: {
      throughput: { sizes: [64, 1024, 16 * 1024], startRate: 500, maxRate: 128_000, stepS: 3, p99BoundUs: 10 * MS },
      push: { clients: [1, 100], messages: 20_000 },
      fanout: { rooms: [10, 100, 1000], broadcasts: 200 },
      connect: { connections: 1000, ratePerS: 500 },
      // a minute of silence sees socket.io's 25 s pings, WebSocket-Node's keep-alives and long polls ending
      idle: { counts: [1000, 5000, 10_000], windowS: 60 },
      churn: { connections: 200, dropShare: 0.5, ratePerS: 50, durationS: 10, dropAtS: 2 },
    },
  },
  ci: {
    // V8 optimises the message path only after a few thousand round trips: with 200 warm-up round trips
    // ws measured 80-200 us p50 here, with 3,000 a steady 38-48 us
    messages: 5000,
    warmup: 3000,
    // one trial a run: the gate spreads its trials over many short runs (compare/ab-runner.ts)
    trials: 1,
    // the fast transports finish their round trips well inside these; the polling ones are cut short
    // (half a second of warm-up left sse and socket.io partly cold: sse p50 330-820 us against 110)
    durationS: 1,
    warmupS: 1,
    yardstickEachPoint: true,
    sizes: {
      throughput: { sizes: [64], startRate: 500, maxRate: 16_000, stepS: 1, p99BoundUs: 10 * MS },
      push: { clients: [20], messages: 2000 },
      fanout: { rooms: [50], broadcasts: 50 },
      connect: { connections: 100, ratePerS: 400 },
      idle: { counts: [100, 500], windowS: 2 },
      churn: { connections: 20, dropShare: 0.5, ratePerS: 40, durationS: 5, dropAtS: 0.5 },
    },
  },
};

export const DEFAULT_PROFILE = 'quick';

/**
 * The profile's sizes with --connections given: the scenarios that size themselves by connections
 * (connect, idle, churn) take that count instead of their own, so that one flag sizes every scenario.
 */
export function withConnections(sizes: ScenarioSizes, connections: number): ScenarioSizes {
  return {
    ...sizes,
    connect: { ...sizes.connect, connections },
    idle: { ...sizes.idle, counts: [connections] },
    churn: { ...sizes.churn, connections },
  };
}
