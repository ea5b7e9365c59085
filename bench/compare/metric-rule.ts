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
  /**
   * noisy only: the smallest relative change worth calling for this metric, when it must be larger than
   * the gate's --min-effect (the larger of the two applies): a figure whose trials spread wide (a p99 of
   * a few thousand samples) would otherwise be called on noise
   */
  minEffect?: number;
}

/** A scenario's gated metrics, as it declares them (its `gate`): the rank test, or exact. */
export interface GateDeclaration {
  /** rank test, lower is better */
  noisyLower?: readonly string[];
  /** rank test, higher is better */
  noisyHigher?: readonly string[];
  /** deterministic byte counts: any increase is a regression */
  exact?: readonly string[];
  /** per metric, a minimum effect larger than the gate's default (see MetricRule.minEffect) */
  minEffect?: Readonly<Record<string, number>>;
}

/** A scenario's gated metrics, by how they are judged: what its `gate` says, spelled out. */
export function gated(rules: GateDeclaration): Record<string, MetricRule> {
  const out: Record<string, MetricRule> = {};
  const withEffect = (metric: string, rule: MetricRule): MetricRule => {
    const minEffect = rules.minEffect?.[metric];
    return minEffect === undefined ? rule : { ...rule, minEffect };
  };
  for (const metric of rules.noisyLower ?? []) out[metric] = withEffect(metric, { kind: 'noisy', better: 'lower' });
  for (const metric of rules.noisyHigher ?? []) out[metric] = withEffect(metric, { kind: 'noisy', better: 'higher' });
  for (const metric of rules.exact ?? []) out[metric] = { kind: 'exact', better: 'lower' };
  for (const metric of Object.keys(rules.minEffect ?? {})) {
    if (out[metric]?.kind !== 'noisy') throw new Error(`gate: a minimum effect for '${metric}', which is not a noisy metric of this gate`);
  }
  return out;
}
