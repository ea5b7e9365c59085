import { encodeHistogram, mergeHistograms } from '../../stats/histogram.ts';
import type { V1Result } from '../scenario.ts';
import type { ThroughputSizes } from './sizes.ts';

/** One step of a search: one offered rate, for stepS seconds. */
export interface ThroughputStep {
  /** echoes sent, and those back before the drain ended */
  offered: number;
  delivered: number;
  /** sends over the late-send threshold behind their schedule */
  late: number;
  /** how far behind its schedule the last send left, µs: the worst load process's */
  lagUs: number;
  /** round trips timed from the scheduled send, an encoded HDR histogram in µs */
  rtt: string;
  /** the first attempt, when the step was run again after it failed in its tail alone */
  first?: { p99Us: number; late: number };
}

/** The steps of one payload size's search, in order: the rate doubles from one to the next. */
export interface ThroughputSearch {
  payloadBytes: number;
  steps: ThroughputStep[];
}

export interface ThroughputData {
  searches: ThroughputSearch[];
}

/**
 * Every load process runs the same steps at its share of the rate: counts add, histograms add bucket
 * by bucket, lags do not add (the worst process's is the step's).
 */
export function mergeThroughput(parts: readonly ThroughputData[]): ThroughputData {
  const [first] = parts;
  if (!first) return { searches: [] };
  return {
    searches: first.searches.map((search, i) => ({
      payloadBytes: search.payloadBytes,
      steps: search.steps.map((_, j) => {
        const steps = parts.flatMap((p) => p.searches[i]?.steps[j] ?? []);
        const retried = steps.find((s) => s.first)?.first;
        return {
          offered: sum(steps.map((s) => s.offered)),
          delivered: sum(steps.map((s) => s.delivered)),
          late: sum(steps.map((s) => s.late)),
          lagUs: Math.max(0, ...steps.map((s) => s.lagUs)),
          rtt: encodeHistogram(mergeHistograms(steps.map((s) => s.rtt))),
          ...(retried ? { first: retried } : {}),
        };
      }),
    })),
  };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Schema 1 kept each step's counters as `<size>.<step>.<what>` and its histogram as `rtt.<size>.<step>`. */
export function throughputFromV1(old: V1Result, sizes: ThroughputSizes): ThroughputData {
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
        offered,
        delivered: at('delivered') ?? 0,
        late: at('late') ?? 0,
        lagUs: Math.max(0, ...lags),
        rtt,
        ...(firstP99 === undefined ? {} : { first: { p99Us: firstP99, late: at('first_late') ?? 0 } }),
      });
    }
    return { payloadBytes, steps };
  });
  return { searches };
}
