import type { SummaryRow } from '../results/summary-csv.ts';
import type { RunRecord } from '../results/run-record.ts';
import { commitOf } from './read-figures.ts';
import type { Side } from './samples.ts';

/** One run of one side of an A/B comparison: its record and the figures its own code derived. */
export interface RoundRun {
  run: RunRecord;
  rows: SummaryRow[];
}

/** The trial numbers a run used, so that the next run's trials can follow on from them. */
function lastTrial(run: RoundRun): number {
  return Math.max(0, ...run.run.points.map((p) => p.trial), ...run.rows.map((r) => r.trial));
}

/**
 * Merges the runs of one side into one record and one set of figures, trials renumbered so that every
 * trial of every round stays a separate sample (trial 1 of round 2 becomes, say, trial 3).
 */
export function mergeRuns(label: string, runs: readonly RoundRun[]): { run: RunRecord; side: Side } {
  const first = runs[0];
  if (!first) throw new Error(`no runs to merge for ${label}`);
  const runId = `${label}-${first.run.runId}`;
  const points: RunRecord['points'] = [];
  const rows: SummaryRow[] = [];
  let offset = 0;
  for (const r of runs) {
    points.push(...r.run.points.map((p) => ({ ...p, trial: p.trial + offset })));
    rows.push(...r.rows.map((row) => ({ ...row, runId, trial: row.trial + offset })));
    offset += lastTrial(r);
  }
  const last = runs[runs.length - 1] ?? first;
  const run: RunRecord = {
    ...first.run,
    runId,
    finishedAt: last.run.finishedAt ?? new Date().toISOString(),
    status: runs.every((r) => r.run.status === 'complete') ? 'complete' : 'interrupted',
    points,
  };
  return { run, side: { runId, commit: commitOf(first.run), rows } };
}
