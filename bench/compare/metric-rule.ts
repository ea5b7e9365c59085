/**
 * How the gate judges one metric. Timing figures are noisy and go through the rank test and the ratio
 * interval; wire bytes are deterministic (the same code sends the same bytes), so they are compared
 * exactly; delivery counts should be zero, so any loss appearing is a regression.
 */
export type MetricKind = 'noisy' | 'exact' | 'count';

export interface MetricRule {
  kind: MetricKind;
  /** which way is better; counts and bytes are always better lower */
  better: 'lower' | 'higher';
}

const NOISY_LOWER: MetricRule = { kind: 'noisy', better: 'lower' };
const NOISY_HIGHER: MetricRule = { kind: 'noisy', better: 'higher' };
const EXACT: MetricRule = { kind: 'exact', better: 'lower' };

/** A scenario's gated metrics, by how they are judged: what its `gate` says, spelled out. */
export function gated(rules: { noisyLower?: readonly string[]; noisyHigher?: readonly string[]; exact?: readonly string[] }): Record<string, MetricRule> {
  const out: Record<string, MetricRule> = {};
  for (const metric of rules.noisyLower ?? []) out[metric] = NOISY_LOWER;
  for (const metric of rules.noisyHigher ?? []) out[metric] = NOISY_HIGHER;
  for (const metric of rules.exact ?? []) out[metric] = EXACT;
  return out;
}
