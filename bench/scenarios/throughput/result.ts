import { encodeHistogram, mergeHistograms } from '../../stats/histogram.ts';
import type { V1Result } from '../scenario.ts';

/** What the load process spent on one step (the server's side is read from the marks around it). */
export interface StepCost {
  /** load-process CPU time and event-loop delay p99 over the step, µs */
  loadCpuUs: number;
  loadLoopDelayP99Us: number;
  /** the step's wall time as the load process measured it around its sends and drain, µs */
  wallUs: number;
  /** how long the load process waited for a core over the step (protocol/run-queue.ts), µs; absent where unknown */
  runQueueWaitUs?: number;
  /** the same for the server process that waited most, read by pid (LoadJob.serverPids); absent where unknown */
  serverRunQueueWaitUs?: number;
  /** the most time the hypervisor took any one CPU away over the step (/proc/stat steal, whole 10 ms ticks), µs; absent where unknown */
  stealUs?: number;
  /** CPU time the machine's other processes (not the load process, not the servers) used over the step, µs; absent where unknown */
  foreignCpuUs?: number;
}

/** One step of a search: one offered rate, for stepS seconds. */
export interface ThroughputStep {
  /** the offered rate, msg/s over all the search's connections */
  rate: number;
  /** echoes sent, and those back before the drain ended */
  offered: number;
  delivered: number;
  duplicated: number;
  reordered: number;
  /** sends over the late-send threshold behind their schedule */
  late: number;
  /** how far behind its schedule the last send left, µs */
  lagUs: number;
  /** round trips timed from the scheduled send, an encoded HDR histogram in µs */
  rtt: string;
  /** from the first scheduled send to the last reply, µs; absent in runs of schema 1 (their steps were taken as stepS long) */
  elapsedUs?: number;
  cost?: StepCost;
  /** the first attempt, when the step was run again after it failed (at once, or as the top of its bracket at the end of the search) */
  first?: { p99Us: number; late: number };
  /** attempts thrown away because the machine stalled the load process (load/stall.ts), before this one */
  stalls?: number;
  /** this attempt stalled too: the step tells nothing of the transport, and the search ended on it */
  stalled?: boolean;
  passed?: boolean;
}

/** The steps of one search, in the order they ran: doubling, then bisecting the bracket. */
export interface ThroughputSearch {
  payloadBytes: number;
  connections: number;
  /** echoes a second the closed-loop warm-up got back (load/open-loop.ts closedLoopWarmUp); absent without one */
  warmupPerS?: number;
  steps: ThroughputStep[];
  /** why the search did not run (its connections do not fit one process's open files), or why it ended early (an error): the point's other searches go on */
  notRun?: string;
  error?: string;
}

export interface ThroughputData {
  searches: ThroughputSearch[];
  /** the load ran on the transport's loadClient (its protocol on `ws` alone), not its users' client */
  loadClient?: true;
  /**
   * A run of schema 1: a fixed ladder of doubling rates up to a ceiling, each step taken as stepS long,
   * judged against the bound its sizes held. Its figures are derived as that version derived them.
   */
  legacy?: { stepS: number; p99BoundUs: number };
}

/**
 * Each search adapts to what its steps showed, so it runs in one load process (see scenario.ts workers);
 * several results are those of several load hosts that each ran the same searches: counts add,
 * histograms add bucket by bucket, the worst lag, the first retry and any stall are kept.
 */
export function mergeThroughput(parts: readonly ThroughputData[]): ThroughputData {
  const [first] = parts;
  if (!first || parts.length === 1) return first ?? { searches: [] };
  return {
    ...(first.loadClient ? { loadClient: true as const } : {}),
    searches: first.searches.map((search, i) => ({
      ...search,
      steps: search.steps.map((step, j) => {
        const steps = parts.flatMap((p) => p.searches[i]?.steps[j] ?? []);
        const retried = steps.find((s) => s.first)?.first;
        const sum = (read: (s: ThroughputStep) => number) => steps.reduce((a, s) => a + read(s), 0);
        return {
          ...step,
          offered: sum((s) => s.offered),
          delivered: sum((s) => s.delivered),
          duplicated: sum((s) => s.duplicated),
          reordered: sum((s) => s.reordered),
          late: sum((s) => s.late),
          lagUs: Math.max(0, ...steps.map((s) => s.lagUs)),
          rtt: encodeHistogram(mergeHistograms(steps.map((s) => s.rtt))),
          ...(retried ? { first: retried } : {}),
          ...(steps.some((s) => s.stalls) ? { stalls: Math.max(...steps.map((s) => s.stalls ?? 0)) } : {}),
          ...(steps.some((s) => s.stalled) ? { stalled: true } : {}),
        };
      }),
    })),
  };
}

/** Schema 1's throughput sizes, as its jobs carry them. */
interface V1Sizes {
  sizes: number[];
  startRate: number;
  stepS: number;
  p99BoundUs: number;
}

/** Schema 1 kept each step's counters as `<size>.<step>.<what>` and its histogram as `rtt.<size>.<step>`. */
export function throughputFromV1(old: V1Result, v1Sizes: unknown, connections: number): ThroughputData {
  const sizes = v1Sizes as V1Sizes;
  const values = old.values ?? {};
  const searches = sizes.sizes.map((payloadBytes) => {
    const steps: ThroughputStep[] = [];
    for (let step = 0; ; step++) {
      const at = (what: string) => values[`${payloadBytes}.${step}.${what}`];
      const offered = at('offered');
      const rtt = old.histograms[`rtt.${payloadBytes}.${step}`];
      if (offered === undefined || rtt === undefined) break;
      const lags = Object.entries(values).filter(([k]) => k.startsWith(`${payloadBytes}.${step}.lag.w`)).map(([, v]) => v);
      const firstP99 = at('first_p99');
      steps.push({
        rate: sizes.startRate * 2 ** step,
        offered,
        delivered: at('delivered') ?? 0,
        duplicated: 0,
        reordered: 0,
        late: at('late') ?? 0,
        lagUs: Math.max(0, ...lags),
        rtt,
        ...(firstP99 === undefined ? {} : { first: { p99Us: firstP99, late: at('first_late') ?? 0 } }),
      });
    }
    return { payloadBytes, connections, steps };
  });
  return { searches, legacy: { stepS: sizes.stepS, p99BoundUs: sizes.p99BoundUs } };
}
