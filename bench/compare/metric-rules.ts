/**
 * How each metric is judged. Timing figures are noisy and go through the rank test and the ratio
 * interval; wire bytes are deterministic (the same code sends the same bytes), so they are compared
 * exactly; delivery counts should be zero, so any loss appearing is a regression. Metrics not named
 * here (sent, delivered, reordered, ...) describe the run rather than its quality and are not compared.
 */
export type MetricKind = 'noisy' | 'exact' | 'count';

export interface MetricRule {
  kind: MetricKind;
  /** which way is better; counts and bytes are always better lower */
  better: 'lower' | 'higher';
}

const NOISY_LOWER = /^(rtt_|fanout_|server_cpu_|heap_per_conn|rss_per_conn)/;
const NOISY_HIGHER = /^(msgs_per_s|bytes_per_s)$/;
const EXACT = /^(bytes_|handshake_bytes_|idle_bytes_per_min$)/;
const COUNTS = new Set(['lost', 'duplicated', 'failed']);

export function ruleFor(metric: string): MetricRule | undefined {
  if (COUNTS.has(metric)) return { kind: 'count', better: 'lower' };
  if (NOISY_HIGHER.test(metric)) return { kind: 'noisy', better: 'higher' };
  if (EXACT.test(metric)) return { kind: 'exact', better: 'lower' };
  if (NOISY_LOWER.test(metric)) return { kind: 'noisy', better: 'lower' };
  return undefined;
}
