import type { ServerStats } from '../../protocol/control.ts';
import { scenarioNamed } from '../scenarios/registry.ts';
import { describePoint } from './describe-point.ts';
import { mergeLoadResults } from './merge-load-results.ts';
import type { MeasuredPointRecord, PointRecord, RunRecord } from './run-record.ts';

/** A point's identity across the runs of several load hosts. */
function keyOf(p: PointRecord): string {
  return JSON.stringify([p.trial, p.scenario, p.transport, p.client]);
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

/**
 * The points of several hosts that ran the same (trial, scenario, transport, client), as one point: the
 * scenario merges its results as it merges those of several load processes on one host, and the
 * figures are derived again from the whole.
 */
function combinePoint(points: readonly PointRecord[]): PointRecord {
  const [first] = points;
  if (!first) throw new Error('no points to combine');
  const failed = points.find((p) => p.status === 'failed');
  if (failed) return failed;
  const measured = points as readonly MeasuredPointRecord[];
  const workers = points.reduce((n, p) => n + p.job.workers, 0);
  const connections = points.reduce((n, p) => n + p.job.connections, 0);
  return describePoint({
    trial: first.trial,
    client: first.client,
    transport: first.transport,
    scenario: first.scenario,
    job: { ...first.job, workers, connections },
    ...(first.durationMs === undefined ? {} : { durationMs: Math.max(...points.map((p) => p.durationMs ?? 0)) }),
    status: 'ok',
    result: mergeLoadResults(scenarioNamed(first.scenario), measured.map((p) => p.result)),
    marks: unionMarks(measured.map((p) => p.marks)),
  });
}

/**
 * The runs of several load hosts, each the same command against the same target, as one run: the points
 * of one (trial, scenario, transport, client) combine exactly (histograms add bucket by bucket, counters
 * sum); a point only some hosts measured is kept as it is. Configuration and environment are the first run's.
 */
export function combineHostRuns(runs: readonly RunRecord[], runId: string): RunRecord {
  const [first] = runs;
  if (!first) throw new Error('no runs to combine');
  const groups = new Map<string, PointRecord[]>();
  for (const run of runs) {
    for (const p of run.points) groups.set(keyOf(p), [...(groups.get(keyOf(p)) ?? []), p]);
  }
  const times = runs.map((r) => r.finishedAt ?? r.startedAt).sort();
  return {
    ...first,
    runId,
    startedAt: runs.map((r) => r.startedAt).sort()[0] ?? first.startedAt,
    finishedAt: times[times.length - 1] ?? first.startedAt,
    status: runs.every((r) => r.status === 'complete') ? 'complete' : 'interrupted',
    points: [...groups.values()].map(combinePoint),
    calibration: runs.flatMap((r) => r.calibration ?? []),
  };
}
