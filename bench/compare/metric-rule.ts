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

/**
 * The minimum effect of every gated p99 (echo's round trip, fan-out's last member, connect): a p99 of a
 * few thousand samples (50 above it in echo's 5,000; 50 broadcasts in fan-out) is set by a handful of
 * the machine's stalls. In one A/A run (issue 24) the gate called websocket's echo p99 a 0.62× improvement
 * (interval 0.35–0.73, Holm p 0.048); 40% is the smallest round figure that would have kept it quiet.
 * In an A/A run here under shared load (scripts/gate-aa-spread.ts, docs/gate-design.md) the p99s spread
 * 29–50% (log SD) over 8 trials a side, and random 8/8 splits of its trials moved the ratio of medians
 * by more than 70% one split in a hundred; Holm's threshold called 0–0.2% of the splits. With this
 * minimum effect a p99 calls only changes the p50 and CPU cannot hide; smaller ones are left to them.
 */
export const TAIL_MIN_EFFECT = 0.4;

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
