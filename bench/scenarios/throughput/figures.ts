import { fellBehind } from '../../load/health.ts';
import type { Figure } from '../../results/figure.ts';
import { decodeHistogram } from '../../stats/histogram.ts';
import { healthFigures } from '../common-figures.ts';
import type { MeasuredPoint } from '../scenario.ts';
import { KEPT_UP_SHARE } from './load.ts';
import type { ThroughputData, ThroughputStep } from './result.ts';
import type { ThroughputSizes } from './sizes.ts';

interface StepOutcome {
  rate: number;
  p99Us: number;
  passed: boolean;
  loadLimited: boolean;
}

/** A step passes when it kept up, stayed under the p99 bound and kept its schedule. */
function stepOutcome(step: ThroughputStep, index: number, plan: ThroughputSizes): StepOutcome {
  const h = decodeHistogram(step.rtt);
  const p99Us = h.totalCount > 0 ? h.getValueAtPercentile(99) : Number.POSITIVE_INFINITY;
  const loadLimited = fellBehind(step.lagUs, plan.stepS);
  const keptUp = step.offered > 0 && step.delivered / step.offered >= KEPT_UP_SHARE;
  const rate = plan.startRate * 2 ** index;
  return { rate, p99Us, passed: keptUp && p99Us <= plan.p99BoundUs && !loadLimited, loadLimited };
}

/** Each step's p99, rate and late sends, and per payload size the highest rate that passed. */
export function throughputFigures(point: MeasuredPoint<ThroughputSizes, ThroughputData>): Figure[] {
  const figures: Figure[] = [];
  const plan = point.sizes;
  for (const search of point.result.data.searches) {
    const size = search.payloadBytes;
    let best = 0;
    let limited = 0;
    for (const [index, step] of search.steps.entries()) {
      const s = stepOutcome(step, index, plan);
      const at = { payloadBytes: size, ratePerS: s.rate };
      figures.push(
        { metric: 'step_rtt_p99', value: Number.isFinite(s.p99Us) ? s.p99Us : 0, unit: 'us', ...at },
        { metric: 'step_msgs_per_s', value: step.delivered / plan.stepS, unit: 'msg/s', ...at },
        { metric: 'step_late_sends', value: step.late, unit: 'count', ...at },
      );
      if (step.first) {
        figures.push(
          { metric: 'step_first_rtt_p99', value: step.first.p99Us, unit: 'us', ...at },
          { metric: 'step_first_late_sends', value: step.first.late, unit: 'count', ...at },
        );
      }
      if (s.loadLimited) limited = 1;
      if (!s.passed) break;
      best = s.rate;
    }
    figures.push(
      { metric: 'max_msgs_per_s', value: best, unit: 'msg/s', payloadBytes: size },
      { metric: 'max_limited_by_load', value: limited, unit: 'count', payloadBytes: size },
    );
  }
  return [...figures, ...healthFigures(point)];
}
