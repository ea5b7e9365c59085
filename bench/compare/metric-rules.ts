/**
 * How each metric is judged. Timing figures are noisy and go through the rank test and the ratio
 * interval; wire bytes are deterministic (the same code sends the same bytes), so they are compared
 * exactly; delivery counts should be zero, so any loss appearing is a regression. Metrics not named
 * here are not compared: they describe the run (sent, delivered, reordered, ...), or they are too few
 * samples deep to judge: p99.9 and max of a few thousand round trips are set by single stalls of the
 * machine, the mean rides on those stalls too (and msgs/s is its inverse in a closed loop), and the
 * uncorrected open-loop latencies are kept only to show coordinated omission. Echo's msgs/s is not gated
 * either: in a closed loop it is connections / mean round trip, so it rides on the same stalls as the mean
 * (in an open loop it is the offered rate). Every rank test counts against the others in Holm's
 * correction, so a metric gated for show costs every other one power (dropping echo's msgs/s took 37
 * tests to 29; on one A/B collection it changed no verdict: scripts/gate-subsamples.ts gave 59 catches
 * in 70 subsamples before and after).
 */
export type MetricKind = 'noisy' | 'exact' | 'count';

export interface MetricRule {
  kind: MetricKind;
  /** which way is better; counts and bytes are always better lower */
  better: 'lower' | 'higher';
}

const NOISY_LOWER = /^((rtt|fanout_first|fanout_last|connect|reconnect)_p(50|99)|server_cpu_us_per_msg|heap_per_conn_bytes|rss_per_conn_bytes|.+_vs_yardstick)$/;
const NOISY_HIGHER = /^(msgs_per_s|bytes_per_s)$/;
const EXACT = /^(bytes_|handshake_bytes_|idle_bytes_per_min$)/;
const COUNTS = new Set(['lost', 'duplicated', 'failed']);
/** metrics that repeat another figure of the same scenario's point (see above) */
const UNGATED: Record<string, ReadonlySet<string>> = { echo: new Set(['msgs_per_s']) };

/** How `metric` is judged; `scenario`, when given, drops the figures that only repeat another of its own. */
export function ruleFor(metric: string, scenario?: string): MetricRule | undefined {
  if (scenario !== undefined && UNGATED[scenario]?.has(metric)) return undefined;
  if (COUNTS.has(metric)) return { kind: 'count', better: 'lower' };
  if (NOISY_HIGHER.test(metric)) return { kind: 'noisy', better: 'higher' };
  if (EXACT.test(metric)) return { kind: 'exact', better: 'lower' };
  if (NOISY_LOWER.test(metric)) return { kind: 'noisy', better: 'lower' };
  return undefined;
}
