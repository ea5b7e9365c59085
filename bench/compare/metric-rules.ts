import { findScenario } from '../scenarios/registry.ts';
import type { MetricRule } from './metric-rule.ts';

export type { MetricKind, MetricRule } from './metric-rule.ts';

/**
 * Delivery counts and failed points, judged in every scenario: they should be zero, so any appearing
 * where base had none is a regression.
 */
const COUNTS: Readonly<Record<string, MetricRule>> = {
  lost: { kind: 'count', better: 'lower' },
  duplicated: { kind: 'count', better: 'lower' },
  failed: { kind: 'count', better: 'lower' },
};

/**
 * How `metric` of `scenario` is judged: the scenario's own `gate` says which of its metrics count and
 * how (bench/scenarios/<name>/). A metric it does not name is not compared: it describes the run (sent,
 * delivered, reordered, ...), or it is too few samples deep to judge: p99.9 and max of a few thousand
 * round trips are set by single stalls of the machine, the mean rides on those stalls too, and the
 * uncorrected open-loop latencies are kept only to show coordinated omission. Every rank test counts
 * against the others in Holm's correction, so a metric gated for show costs every other one power
 * (dropping echo's msgs/s took 37 tests to 29; on one A/B collection it changed no verdict:
 * scripts/gate-subsamples.ts gave 59 catches in 70 subsamples before and after).
 */
export function ruleFor(metric: string, scenario: string): MetricRule | undefined {
  return COUNTS[metric] ?? findScenario(scenario)?.gate?.[metric];
}
