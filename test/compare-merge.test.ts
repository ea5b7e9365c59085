import { describe, expect, it } from 'vitest';
import { mergeRuns, type RoundRun } from '../bench/compare/pool-rounds.ts';
import type { SummaryRow } from '../bench/results/summary-csv.ts';
import type { PointRecord, RunRecord } from '../bench/results/run-record.ts';

/** A run of `trials` failed points (failed points need no results) and its figure rows. */
function round(runId: string, trials: number): RoundRun {
  const points = Array.from({ length: trials }, (_, i) => ({ trial: i + 1, transport: 'ws', status: 'failed' }) as PointRecord);
  const run = { schema: 2, runId, status: 'complete', environment: { gitCommit: 'abc', gitDirty: true }, points } as unknown as RunRecord;
  const rows = points.map((p) => ({ runId, trial: p.trial, transport: 'ws', metric: 'rtt_p50', value: p.trial }) as SummaryRow);
  return { run, rows };
}

describe('mergeRuns', () => {
  it('renumbers trials so that every round adds new ones', () => {
    const { run, side } = mergeRuns('base', [round('r1', 2), round('r2', 2), round('r3', 1)]);
    expect(run.points.map((p) => p.trial)).toEqual([1, 2, 3, 4, 5]);
    expect(side.rows.map((r) => r.trial)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(side.rows.map((r) => r.runId))).toEqual(new Set(['base-r1']));
    expect(run.runId).toBe('base-r1');
    expect(side.commit).toBe('abc (modified)');
  });

  it('refuses to merge nothing', () => {
    expect(() => mergeRuns('head', [])).toThrow();
  });
});
