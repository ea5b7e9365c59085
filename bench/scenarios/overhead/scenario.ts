import { defineScenario } from '../scenario.ts';
import { overheadFigures } from './figures.ts';
import { loadOverhead } from './load.ts';
import { overheadReport } from './report.ts';
import { mergeOverhead, overheadFromV1, type OverheadData } from './result.ts';
import { OVERHEAD_SIZES, type OverheadSizes } from './stage.ts';

export const overhead = defineScenario<OverheadSizes, OverheadData>({
  name: 'overhead',
  description:
    'the 2010 header-overhead table redone: 1,000 clients (10,000 in the full profile) each getting one ' +
    'broadcast a second, wire bytes per second and the overhead beyond the payload; 100,000 extrapolated',
  sizes: OVERHEAD_SIZES,
  load: loadOverhead,
  merge: mergeOverhead,
  figures: overheadFigures,
  report: overheadReport,
  upgradeV1: overheadFromV1,
  // the 2010 table is the suite's argument: in every default run, its quick window short enough (stage.ts)
  maxTrials: 1,
});
