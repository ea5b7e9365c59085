/**
 * Named settings for a run; each scenario keeps its own sizes for each profile beside its code
 * (bench/scenarios/<name>/). A flag given on the command line wins over its profile's value.
 * quick: the default `npm run bench`, a few minutes here. full: the sizes the issues name, longer.
 * ci: what the regression gate repeats for base and head, small enough to alternate them several times.
 */
import type { ProfileName } from '../scenarios/scenario.ts';

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
}


export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  quick: {
    // ws's 1,000 took about 90 ms here, short enough that the first round trips after the window's
    // start mark (slower than the rest: bench/load/warm-up.ts) and one stall of the machine weighed in
    // the calibration: the suite's ws load drove 64% and 71% of the hand-written client's rate at
    // 1,000 (two runs), 100% and 87% at 5,000, 113% and 95% at 10,000 (1.06-1.08x over the ping-pong)
    messages: 10_000,
    // V8 optimises the message path only after a few thousand round trips (ws p50 here: 80-200 us after
    // 200, 38-48 us after 3,000): at least this many, then until the round trip settles (bench/load/warm-up.ts)
    warmup: 2000,
    // echo three times, for the verdict's intervals; every other scenario once, to stay within minutes
    trials: 1,
    scenarioTrials: { echo: 3 },
    durationS: 1,
    // the cap: ws, websocket, socket.io and tcp settle within 1-3 s here, the HTTP transports within 1-2
    warmupS: 4,
  },
  full: {
    messages: 5000,
    warmup: 3000,
    // three trials for the verdict's intervals; the capacity searches once (one trial of throughput is
    // about 25 minutes here at 1 to 10,000 connections and three sizes) and broadcast once (rates at two
    // room sizes, 15-35 s a point): five trials of everything would take hours
    trials: 3,
    scenarioTrials: { throughput: 1, broadcast: 1 },
    durationS: 10,
    warmupS: 2,
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
  },
};

export const DEFAULT_PROFILE: ProfileName = 'quick';

export const isProfileName = (name: string): name is ProfileName => Object.hasOwn(PROFILES, name);
