import { PAYLOAD_KINDS } from '../../../protocol/payload.ts';
import type { ServerStats } from '../../../protocol/control.ts';
import { loadSetTheLimit } from '../../load/health.ts';
import type { Figure } from '../../results/figure.ts';
import { decodeHistogram } from '../../stats/histogram.ts';
import { healthFigures } from '../common-figures.ts';
import { defineScenario, type MeasuredPoint } from '../scenario.ts';
import { DRAIN_MS, broadcastMark, loadBroadcast } from './load.ts';
import { broadcastReport } from './report.ts';
import type { BroadcastData, BroadcastSearch, BroadcastStep } from './result.ts';
import { BROADCAST_SIZES, type BroadcastSizes } from './sizes.ts';

type Point = MeasuredPoint<BroadcastSizes, BroadcastData>;

/** The server's CPU share of a core over a step, from the marks around it. */
function serverCpuShare(marks: Record<string, ServerStats>, room: number, index: number): number | undefined {
  const a = marks[`${broadcastMark(room, index)}.start`];
  const b = marks[`${broadcastMark(room, index)}.end`];
  if (!a || !b || b.atUs <= a.atUs) return undefined;
  return (b.cpuUserUs + b.cpuSystemUs - (a.cpuUserUs + a.cpuSystemUs)) / (b.atUs - a.atUs);
}

function searchFigures({ marks, sizes }: Point, search: BroadcastSearch): Figure[] {
  const at = { connections: search.room };
  const out: Figure[] = [];
  for (const step of search.steps) {
    const h = decodeHistogram(step.last);
    const atRate = { ...at, ratePerS: step.rate };
    if (h.totalCount > 0) out.push({ metric: 'step_last_p99', value: h.getValueAtPercentile(99), unit: 'us', ...atRate });
    out.push({ metric: 'step_lost', value: step.expected - step.delivered, unit: 'count', ...atRate });
    if (step.stalls) out.push({ metric: 'step_stalls', value: step.stalls, unit: 'count', ...atRate });
  }
  const indexed = search.steps.map((step, index) => ({ step, index }));
  const best = indexed.filter((s) => s.step.passed).sort((a, b) => b.step.rate - a.step.rate)[0];
  // a stalled step failed for the machine, not the transport: it brackets nothing
  const fail = indexed.filter((s) => !s.step.passed && !s.step.stalled && s.step.rate > (best?.step.rate ?? 0)).sort((a, b) => a.step.rate - b.step.rate)[0];
  const stalled = search.steps.at(-1)?.stalled === true;
  const perSecond = (s: BroadcastStep) => s.broadcasts / Math.max(1e-6, s.elapsedUs / 1e6);
  if (stalled) out.push({ metric: 'limit_machine_stalled', value: 1, unit: 'count', ...at });
  // a search the machine ended before anything passed found no limit, not a limit of 0
  if (best || !stalled) {
    out.push(
      { metric: 'max_broadcasts_per_s', value: best ? perSecond(best.step) : 0, unit: 'msg/s', ...at },
      { metric: 'max_deliveries_per_s', value: best ? perSecond(best.step) * search.room : 0, unit: 'msg/s', ...at },
      { metric: 'capacity_bracket_low_per_s', value: best?.step.rate ?? 0, unit: 'msg/s', ...at },
    );
  }
  let limited = 0;
  if (fail) {
    out.push({ metric: 'capacity_bracket_high_per_s', value: fail.step.rate, unit: 'msg/s', ...at });
    const server = serverCpuShare(marks, search.room, fail.index);
    const load = fail.step.wallUs > 0 ? fail.step.loadCpuUs / fail.step.wallUs : 0;
    if (server !== undefined) out.push({ metric: 'limit_server_cpu_pct', value: server * 100, unit: 'pct', ...at });
    out.push({ metric: 'limit_load_cpu_pct', value: load * 100, unit: 'pct', ...at });
    limited = loadSetTheLimit({ lagUs: fail.step.lagUs, stepS: sizes.stepS, loadShare: load, serverShare: server }) ? 1 : 0;
  }
  out.push({ metric: 'max_limited_by_load', value: limited, unit: 'count', ...at });
  return out;
}

/**
 * `broadcast`: the chat room's capacity. One member broadcasts on a schedule; the rate is searched as
 * throughput's is (doubling, then bisecting to within 5%) for the highest at which every member gets every
 * broadcast and the last member's p99 stays within the bound. Every member of a room is in the one load
 * process, which times arrivals from the send time in each broadcast (one clock for every process of the host).
 */
export const broadcast = defineScenario<BroadcastSizes, BroadcastData>({
  // its messages are made by load/message-sender.ts of the run's kind
  payloadKinds: PAYLOAD_KINDS,
  name: 'broadcast',
  description:
    'chat-room capacity: the highest broadcast rate at which every member of a room gets every message and the last ' +
    "member's p99 stays within the bound; who was the limit",
  sizes: BROADCAST_SIZES,
  load: loadBroadcast,
  // one load process runs each search (it steers by what its own steps showed); several are several load hosts
  merge: (parts) => parts[0] ?? { searches: [] },
  figures: (point) => [...point.result.data.searches.flatMap((s) => searchFigures(point, s)), ...healthFigures(point)],
  report: broadcastReport,
  ownServer: 'a text message that starts with `b|` sent to every open connection, the sender included',
  workers: () => 1,
  pointTimeoutMs: (sizes) => sizes.rooms.length * (20_000 + sizes.maxSteps * (sizes.stepS * 1000 + DRAIN_MS)),
});
