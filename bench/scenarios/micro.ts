import type { MicroResult } from '../micro/run-micro.ts';
import type { Figure, Scenario } from './scenario.ts';

/** tinybench's time budget per case, by profile: the full profile buys a tighter margin of error. */
const TIME_MS: Record<string, number> = { full: 1000 };
const DEFAULT_TIME_MS = 100;

/** Results travel to the orchestrator as scenario values: `<operation>_ns` and `<operation>_rme_pct`. */
function toValues(results: readonly MicroResult[]): Record<string, number> {
  const values: Record<string, number> = {};
  for (const r of results) {
    if (!Number.isFinite(r.nsPerOp)) continue; // a failed case leaves no row: the report lists it as not measured
    values[`${r.operation}_ns`] = r.nsPerOp;
    values[`${r.operation}_rme_pct`] = r.rmePct;
  }
  return values;
}

/**
 * The CPU cost of a transport's own framing and parsing of one message (bench/micro), run in the load
 * process while the point's server sits idle. Transports without cases of their own (`polling` and
 * `socketio-polling` share `longpoll`'s and `socketio`'s code) give no rows.
 */
export const micro: Scenario = {
  // a CPU benchmark keeps its process busy by design: no load-generator warning for it
  expects: { busyLoad: true },
  name: 'micro',
  description: "tinybench: CPU time of the transport's own framing and parsing of one message, ns/op with its margin of error",
  async load(ctx) {
    const { job } = ctx;
    await ctx.mark('start');
    // loaded here, not at the top: tinybench and the framing internals are this scenario's alone
    const { runMicro } = await import('../micro/run-micro.ts');
    const cases = job.worker === 0 ? await ctx.transport.micro?.() : undefined;
    const groups = cases ? [{ transport: job.transport, cases }] : [];
    const results = await runMicro(groups, { payloadBytes: job.payloadBytes, timeMs: TIME_MS[job.profile ?? ''] ?? DEFAULT_TIME_MS });
    await ctx.mark('end');
    return { histograms: {}, delivery: { sent: 0, delivered: 0, lost: 0, duplicated: 0, reordered: 0 }, values: toValues(results) };
  },
  figures({ result }): Figure[] {
    return Object.entries(result.values ?? {}).map(([metric, value]) => ({ metric, value, unit: metric.endsWith('_pct') ? 'pct' : 'ns' }));
  },
};
