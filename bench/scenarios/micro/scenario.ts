import type { Figure } from '../../results/figure.ts';
import { defineScenario, type SizesByProfile } from '../scenario.ts';
import { microReport } from './report.ts';
import type { MicroResult } from './run-micro.ts';

export interface MicroSizes {
  /** tinybench's time budget per case, ms: the full profile buys a tighter margin of error */
  timeMs: number;
}

const MICRO_SIZES: SizesByProfile<MicroSizes> = { quick: { timeMs: 100 }, full: { timeMs: 1000 }, ci: { timeMs: 100 } };

/** Each case's mean ns per operation and its margin of error; a failed case is left out (the report lists it as not measured). */
export interface MicroData {
  cases: { operation: string; nsPerOp: number; rmePct: number }[];
}

const measured = (results: readonly MicroResult[]): MicroData => ({
  cases: results.filter((r) => Number.isFinite(r.nsPerOp)).map(({ operation, nsPerOp, rmePct }) => ({ operation, nsPerOp, rmePct })),
});

/**
 * The CPU cost of a transport's own framing and parsing of one message (its descriptor's micro cases),
 * run in the load process while the point's server sits idle. Transports without cases of their own
 * (they share another's code) give no rows.
 */
export const micro = defineScenario<MicroSizes, MicroData>({
  name: 'micro',
  description: "tinybench: CPU time of the transport's own framing and parsing of one message, ns/op with its margin of error",
  sizes: MICRO_SIZES,
  // a CPU benchmark keeps its process busy by design: no load-generator warning for it
  expects: { busyLoad: true },

  async load(ctx) {
    const { job } = ctx;
    await ctx.mark('start');
    // loaded here, not at the top: tinybench and the framing internals are this scenario's alone
    const { runMicro } = await import('./run-micro.ts');
    const cases = job.worker === 0 ? await ctx.transport.micro?.() : undefined;
    const groups = cases ? [{ transport: job.transport, cases }] : [];
    const results = await runMicro(groups, { payloadBytes: job.payloadBytes, timeMs: ctx.sizes.timeMs });
    await ctx.mark('end');
    // no delivery: nothing crosses a socket, and a delivery of 0 of 0 would read as a measured one
    return { data: measured(results) };
  },

  merge: (parts) => ({ cases: parts.flatMap((p) => p.cases) }),

  figures({ result }): Figure[] {
    return result.data.cases.flatMap((c) => [
      { metric: `${c.operation}_ns`, value: c.nsPerOp, unit: 'ns' as const },
      { metric: `${c.operation}_rme_pct`, value: c.rmePct, unit: 'pct' as const },
    ]);
  },

  report: microReport,

  /** Schema 1 kept `<operation>_ns` and `<operation>_rme_pct`. */
  upgradeV1(old) {
    const values = old.values ?? {};
    const operations = Object.keys(values).filter((k) => k.endsWith('_ns')).map((k) => k.slice(0, -'_ns'.length));
    return { cases: operations.map((operation) => ({ operation, nsPerOp: values[`${operation}_ns`] ?? NaN, rmePct: values[`${operation}_rme_pct`] ?? NaN })) };
  },
});
