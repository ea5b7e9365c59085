import type { ServerStats } from '../../../protocol/control.ts';
import { fellBehind, loadSetTheLimit } from '../../load/health.ts';
import type { Figure } from '../../results/figure.ts';
import { decodeHistogram } from '../../stats/histogram.ts';
import { healthFigures } from '../common-figures.ts';
import type { MeasuredPoint } from '../scenario.ts';
import { judgeStep, stepMark } from './load.ts';
import type { ThroughputData, ThroughputSearch, ThroughputStep } from './result.ts';
import type { ThroughputSizes } from './sizes.ts';

type Point = MeasuredPoint<ThroughputSizes, ThroughputData>;

/** The server's CPU share of one core and its event-loop delay p99 over a step, from the marks around it. */
function serverOver(marks: Record<string, ServerStats>, search: ThroughputSearch, index: number, step: ThroughputStep) {
  // a step run again (after a tail-only failure or a stall) kept the marks of its last attempt
  const mark = stepMark(search, index, step.first !== undefined || (step.stalls ?? 0) > 0);
  const a = marks[`${mark}.start`];
  const b = marks[`${mark}.end`];
  if (!a || !b || b.atUs <= a.atUs) return undefined;
  const cpuUs = b.cpuUserUs + b.cpuSystemUs - (a.cpuUserUs + a.cpuSystemUs);
  return { cpuShare: cpuUs / (b.atUs - a.atUs), cpuUsPerMsg: step.delivered > 0 ? cpuUs / step.delivered : undefined, loopDelayP99Us: b.loopDelayP99Us };
}

/** A step's own figures: its p99 (only when any echo came back), its measured rate, its late sends and losses. */
function stepFigures(step: ThroughputStep, at: Pick<Figure, 'payloadBytes' | 'connections' | 'ratePerS'>, stepS: number, legacy: boolean): Figure[] {
  const h = decodeHistogram(step.rtt);
  const out: Figure[] = [];
  // a step nothing came back from has no p99; schema 1 wrote 0 for it, and reads so
  if (h.totalCount > 0 || legacy) out.push({ metric: 'step_rtt_p99', value: h.totalCount > 0 ? h.getValueAtPercentile(99) : 0, unit: 'us', ...at });
  // echoes back per second of what the step took, from its first scheduled send to its last reply
  const seconds = step.elapsedUs === undefined ? stepS : step.elapsedUs / 1e6;
  out.push({ metric: 'step_msgs_per_s', value: step.delivered / seconds, unit: 'msg/s', ...at }, { metric: 'step_late_sends', value: step.late, unit: 'count', ...at });
  if (!legacy) out.push({ metric: 'step_lost', value: step.offered - step.delivered, unit: 'count', ...at });
  if (step.stalls) out.push({ metric: 'step_stalls', value: step.stalls, unit: 'count', ...at });
  if (step.first) {
    out.push(
      { metric: 'step_first_rtt_p99', value: step.first.p99Us, unit: 'us', ...at },
      { metric: 'step_first_late_sends', value: step.first.late, unit: 'count', ...at },
    );
  }
  return out;
}

/**
 * Schema 1's ladder: each step passed or failed as then, the search stopping at the first failure;
 * its capacity was the configured rate of the last passing step, figures as that version wrote them.
 */
function legacyFigures(search: ThroughputSearch, legacy: NonNullable<ThroughputData['legacy']>): Figure[] {
  const out: Figure[] = [];
  let best = 0;
  let limited = 0;
  for (const step of search.steps) {
    const at = { payloadBytes: search.payloadBytes, ratePerS: step.rate };
    out.push(...stepFigures(step, at, legacy.stepS, true));
    const h = decodeHistogram(step.rtt);
    const p99 = h.totalCount > 0 ? h.getValueAtPercentile(99) : Infinity;
    if (fellBehind(step.lagUs, legacy.stepS)) limited = 1;
    if (!judgeStep(step, p99, legacy.p99BoundUs, legacy.stepS).passed) break;
    best = step.rate;
  }
  out.push({ metric: 'max_msgs_per_s', value: best, unit: 'msg/s', payloadBytes: search.payloadBytes }, { metric: 'max_limited_by_load', value: limited, unit: 'count', payloadBytes: search.payloadBytes });
  return out;
}

/**
 * A search's limit and who set it. max_msgs_per_s is what the highest passing step delivered per second
 * (measured, not the rate asked for); the bracket is the offered rates of that step and of the lowest
 * failure above it. At the failure: the server's and the load process's share of a core and their loop
 * delays, and whether the load process fell behind or saturated (then the limit is a lower bound). The
 * projection per core is 1 s over the server's CPU per message at the highest passing rate: labelled so.
 */
function capacityFigures(point: Point, search: ThroughputSearch): Figure[] {
  const { marks, sizes } = point;
  const at = { payloadBytes: search.payloadBytes, connections: search.connections };
  const indexed = search.steps.map((step, index) => ({ step, index }));
  const best = indexed.filter((s) => s.step.passed).sort((a, b) => b.step.rate - a.step.rate)[0];
  // a stalled step failed for the machine, not the transport: it brackets nothing
  const fail = indexed.filter((s) => !s.step.passed && !s.step.stalled && s.step.rate > (best?.step.rate ?? 0)).sort((a, b) => a.step.rate - b.step.rate)[0];
  const stalled = search.steps.at(-1)?.stalled === true;
  const out: Figure[] = [];
  const seconds = (s: ThroughputStep) => (s.elapsedUs ?? sizes.stepS * 1e6) / 1e6;
  if (stalled) out.push({ metric: 'limit_machine_stalled', value: 1, unit: 'count', ...at });
  // what stalled it: the hypervisor's steal (a CPU taken from the guest), told apart from other work in the verdict
  const stealUs = stalled ? search.steps.at(-1)?.cost?.stealUs : undefined;
  if (stealUs !== undefined) out.push({ metric: 'limit_stall_steal_us', value: stealUs, unit: 'us', ...at });
  // a search the machine ended before anything passed found no limit, not a limit of 0
  if (best || !stalled) out.push({ metric: 'max_msgs_per_s', value: best ? best.step.delivered / seconds(best.step) : 0, unit: 'msg/s', ...at });
  if (best || !stalled) out.push({ metric: 'capacity_bracket_low_per_s', value: best?.step.rate ?? 0, unit: 'msg/s', ...at });
  if (fail) out.push({ metric: 'capacity_bracket_high_per_s', value: fail.step.rate, unit: 'msg/s', ...at });
  let limited = 0;
  if (fail) {
    const server = serverOver(marks, search, fail.index, fail.step);
    const cost = fail.step.cost;
    const loadShare = cost && cost.wallUs > 0 ? cost.loadCpuUs / cost.wallUs : undefined;
    if (server) out.push({ metric: 'limit_server_cpu_pct', value: server.cpuShare * 100, unit: 'pct', ...at }, { metric: 'limit_server_loop_delay_p99', value: server.loopDelayP99Us, unit: 'us', ...at });
    if (loadShare !== undefined) out.push({ metric: 'limit_load_cpu_pct', value: loadShare * 100, unit: 'pct', ...at });
    if (cost) out.push({ metric: 'limit_load_loop_delay_p99', value: cost.loadLoopDelayP99Us, unit: 'us', ...at });
    limited = loadSetTheLimit({ lagUs: fail.step.lagUs, stepS: sizes.stepS, loadShare, serverShare: server?.cpuShare }) ? 1 : 0;
  }
  out.push({ metric: 'max_limited_by_load', value: limited, unit: 'count', ...at });
  const atBest = best && serverOver(marks, search, best.index, best.step);
  if (atBest?.cpuUsPerMsg) out.push({ metric: 'projected_msgs_per_s_per_core', value: 1e6 / atBest.cpuUsPerMsg, unit: 'msg/s', ...at });
  return out;
}

/** Each step's figures, and per search its limit, its bracket and who set it. */
export function throughputFigures(point: Point): Figure[] {
  const figures: Figure[] = [];
  const { legacy } = point.result.data;
  for (const search of point.result.data.searches) {
    const at = { payloadBytes: search.payloadBytes, connections: search.connections };
    if (search.notRun !== undefined) {
      figures.push({ metric: 'search_not_run', value: 1, unit: 'count', ...at });
      continue;
    }
    if (legacy) {
      figures.push(...legacyFigures(search, legacy));
      continue;
    }
    for (const step of search.steps) {
      figures.push(...stepFigures(step, { payloadBytes: search.payloadBytes, connections: search.connections, ratePerS: step.rate }, point.sizes.stepS, false));
    }
    // a search an error cut short found no limit: its steps are told, no capacity from them
    if (search.error !== undefined) figures.push({ metric: 'search_failed', value: 1, unit: 'count', ...at });
    else figures.push(...capacityFigures(point, search));
  }
  return [...figures, ...healthFigures(point)];
}
