import { defineScenario } from '../scenario.ts';
import { throughputFigures } from './figures.ts';
import { loadThroughput } from './load.ts';
import { throughputReport } from './report.ts';
import { mergeThroughput, throughputFromV1, type ThroughputData } from './result.ts';
import { THROUGHPUT_SIZES, type ThroughputSizes } from './sizes.ts';

export const throughput = defineScenario<ThroughputSizes, ThroughputData>({
  name: 'throughput',
  description:
    'open-loop echo, the offered rate doubling each step until replies fall behind or p99 passes the bound ' +
    '(a sender that falls behind its own schedule marks the load as the limit)',
  sizes: THROUGHPUT_SIZES,
  load: loadThroughput,
  merge: mergeThroughput,
  figures: throughputFigures,
  report: throughputReport,
  upgradeV1: throughputFromV1,
});
