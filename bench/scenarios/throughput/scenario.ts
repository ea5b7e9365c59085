import { PAYLOAD_KINDS } from '../../../protocol/payload.ts';
import { defineScenario } from '../scenario.ts';
import { throughputFigures } from './figures.ts';
import { DRAIN_MS, loadThroughput } from './load.ts';
import { throughputReport } from './report.ts';
import { mergeThroughput, throughputFromV1, type ThroughputData } from './result.ts';
import { THROUGHPUT_SIZES, throughputWithConnections, type ThroughputSizes } from './sizes.ts';

/** Room for each search's connections to open and warm up, on top of its steps. */
const SEARCH_SETUP_MS = 15_000;

export const throughput = defineScenario<ThroughputSizes, ThroughputData>({
  // its messages are made by load/message-sender.ts of the run's kind
  payloadKinds: PAYLOAD_KINDS,
  name: 'throughput',
  description:
    'capacity: open-loop echo at rates doubling until a step fails (p99 over the bound, replies falling behind), ' +
    'then bisected to within 5%, at each connection count; who was the limit (server CPU, load process) at the failure',
  sizes: THROUGHPUT_SIZES,
  withConnections: throughputWithConnections,
  load: loadThroughput,
  merge: mergeThroughput,
  figures: throughputFigures,
  report: throughputReport,
  // a search that could not run, or failed part-way, is told; the point's other searches stand
  warnings: ({ result }) =>
    result.data.searches.flatMap((s) => {
      const where = `${s.connections.toLocaleString('en-US')} connections, ${s.payloadBytes.toLocaleString('en-US')} B`;
      if (s.notRun !== undefined) return [{ title: 'search not run', value: where, detail: `${s.notRun}.` }];
      if (s.error !== undefined) return [{ title: 'search failed', value: where, detail: `${s.error} (after ${s.steps.length} step${s.steps.length === 1 ? '' : 's'}).` }];
      return [];
    }),
  ownServer: 'each text message echoed back to its sender, verbatim, as text (as fast as it can)',
  upgradeV1: (old, sizes, job) => throughputFromV1(old, sizes, job.connections),
  // each search steers by what its own steps showed, which only one process sees whole
  workers: () => 1,
  drivesServerToLimit: true,
  pointTimeoutMs: (sizes, config) => {
    const searches = sizes.payloads.length * sizes.connections.length;
    // a step runs for stepS, drains for up to DRAIN_MS and may be run twice
    const perSearch = SEARCH_SETUP_MS + Math.min(sizes.warmupS, config.warmupS) * 1000 + sizes.maxSteps * 2 * (sizes.stepS * 1000 + DRAIN_MS);
    return searches * perSearch;
  },
});
