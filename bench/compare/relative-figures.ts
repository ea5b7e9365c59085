import { YARDSTICK_METRIC } from '../results/describe-point.ts';
import type { SummaryRow } from '../results/summary-csv.ts';
import { findScenario } from '../scenarios/registry.ts';

/**
 * The figures the gate judges relative to the machine's speed at the time: divided by the
 * plain node:net ping-pong timed in slices inside the same point's measured window (the ci profile's
 * yardstick, see load/yardstick.ts; runs of the first version timed it just before and just after). This machine's speed steps by 20-70% for seconds at a time, which hits base and
 * head trials unevenly; in the ratio most of it cancels (ws p50 across 8 trials: 17% spread raw, 4%
 * relative). The yardstick is not the suite's code, so a slowdown in the suite's own message path does
 * not cancel out.
 *
 * Server CPU per message is not divided: CPU time does not grow with the scheduling delays a round trip
 * sees, so the ratio only added the yardstick's noise. Measured on one A/B run with 4 us planted per ws
 * message, 12 trials a side: raw CPU per message separated the sides completely (p 7e-7), the ratio
 * did not (p 8e-5 before Holm).
 */
export const relativeName = (metric: string) => `${metric}_vs_yardstick`;

/**
 * Whether a row's figure is judged relative to the yardstick: its scenario gates `<metric>_vs_yardstick`
 * (its `gate`, bench/scenarios/<name>/), as echo does its round-trip p50 and fan-out its last member's p50.
 */
const judgedRelative = (r: SummaryRow) => findScenario(r.scenario)?.gate?.[relativeName(r.metric)] !== undefined;

// the point a row belongs to, in one trial: not its connections, since a point's yardstick row carries the
// job's (1) while a fan-out point's rows carry their room's size
const pointTrial = (r: SummaryRow) =>
  [r.runId, r.trial, r.scenario, r.transport, r.client, r.runtime ?? '', r.payloadBytes, r.ratePerS ?? ''].join('\u0000');

/**
 * The rows with each figure that has a yardstick beside it replaced by `<metric>_vs_yardstick`: the
 * gate judges that one instead, as the raw figure only adds the machine's noise to the same information,
 * and every rank test counts against the others in Holm's correction. Runs without a yardstick (every
 * profile but ci) keep their raw figures.
 */
export function withRelativeFigures(rows: readonly SummaryRow[]): SummaryRow[] {
  const yardsticks = new Map<string, number>();
  for (const r of rows) if (r.metric === YARDSTICK_METRIC && r.value > 0) yardsticks.set(pointTrial(r), r.value);
  if (yardsticks.size === 0) return [...rows];
  return rows.map((r) => {
    const yardstick = r.metric !== YARDSTICK_METRIC && judgedRelative(r) ? yardsticks.get(pointTrial(r)) : undefined;
    return yardstick === undefined ? r : { ...r, metric: relativeName(r.metric), value: r.value / yardstick, unit: 'ratio' as const };
  });
}
