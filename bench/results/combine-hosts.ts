import type { ServerStats } from '../../protocol/control.ts';
import { mergeLoadResults } from './merge-load-results.ts';
import type { PointRecord, RunRecord } from './run-record.ts';

/** A point's identity across the runs of several load hosts. */
function keyOf(p: PointRecord): string {
  return JSON.stringify([p.trial, p.scenario, p.transport, p.client]);
}

/** Scenario values kept per load process end in `.w<worker>` (bench/scenarios/fanout.ts, push.ts). */
const PER_WORKER = /\.w(\d+)$/;

/**
 * One host's point with its load processes numbered on after those of the hosts before it, as they
 * would have been numbered had one machine run them all: per-worker values then never collide.
 */
function renumbered(p: PointRecord, offset: number): PointRecord {
  if (offset === 0 || !p.result?.values) return p;
  const values = Object.fromEntries(
    Object.entries(p.result.values).map(([k, v]) => [k.replace(PER_WORKER, (_, w: string) => `.w${Number(w) + offset}`), v]),
  );
  return { ...p, result: { ...p.result, values } };
}

/**
 * The server's stats at each mark, for load hosts that all drove the same server: one window that holds
 * every host's, from the earliest start to the latest end (the server's counters count all their traffic
 * once; adding the hosts' reads would count it once per host). A mark whose name ends in `start` opens a
 * window, any other closes one.
 */
function unionMarks(all: readonly Record<string, ServerStats>[]): Record<string, ServerStats> {
  const marks: Record<string, ServerStats> = {};
  for (const m of all) {
    for (const [name, stats] of Object.entries(m)) {
      const held = marks[name];
      const opens = name.endsWith('start');
      if (!held || (opens ? stats.atUs < held.atUs : stats.atUs > held.atUs)) marks[name] = stats;
    }
  }
  return marks;
}

/** The points of several hosts that ran the same (trial, scenario, transport, client), as one point. */
function mergePoint(points: readonly PointRecord[]): PointRecord {
  const [first] = points;
  if (!first) throw new Error('no points to merge');
  const failed = points.find((p) => p.status !== 'ok' || !p.result);
  if (failed) return { ...first, status: 'failed', error: failed.error ?? 'failed on one of the load hosts' };
  const workers = points.reduce((n, p) => n + p.job.workers, 0);
  const connections = points.reduce((n, p) => n + p.job.connections, 0);
  return {
    ...first,
    job: { ...first.job, workers, connections },
    result: mergeLoadResults(points.flatMap((p) => (p.result ? [p.result] : []))),
    marks: unionMarks(points.map((p) => p.marks ?? {})),
  };
}

/**
 * The runs of several load hosts, each the same command against the same target, as one run: the points
 * of one (trial, scenario, transport, client) merge exactly (histograms add bucket by bucket, counters
 * sum, see mergeLoadResults); a point only some hosts measured is kept as it is. Configuration and
 * environment are the first run's.
 */
export function mergeHostRuns(runs: readonly RunRecord[], runId: string): RunRecord {
  const [first] = runs;
  if (!first) throw new Error('no runs to merge');
  const groups = new Map<string, PointRecord[]>();
  const offsets = new Map<string, number>();
  for (const run of runs) {
    for (const p of run.points) {
      const key = keyOf(p);
      const offset = offsets.get(key) ?? 0;
      groups.set(key, [...(groups.get(key) ?? []), renumbered(p, offset)]);
      offsets.set(key, offset + p.job.workers);
    }
  }
  const times = runs.map((r) => r.finishedAt ?? r.startedAt).sort();
  return {
    ...first,
    runId,
    startedAt: runs.map((r) => r.startedAt).sort()[0] ?? first.startedAt,
    finishedAt: times[times.length - 1] ?? first.startedAt,
    status: runs.every((r) => r.status === 'complete') ? 'complete' : 'interrupted',
    points: [...groups.values()].map(mergePoint),
    calibration: runs.flatMap((r) => r.calibration ?? []),
  };
}
