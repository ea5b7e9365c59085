import { primaryRuntime, runtimeOfNodeVersion } from '../runtimes/catalog.ts';
import type { PointRecord, RunRecord } from './run-record.ts';

/**
 * The runtime a run's measured processes ran on first: the one it named first, or for a run from before
 * runtimes (no runtimes in its config or environment), the Node its environment names (`v20.20.2` ->
 * node20), since its children ran on the orchestrator's own node.
 */
export function runPrimaryRuntime(run: Pick<RunRecord, 'config' | 'environment'>): string {
  if (run.config.runtimes?.length) return primaryRuntime(run.config.runtimes);
  return run.environment.runtimes?.[0]?.name ?? runtimeOfNodeVersion(run.environment.node);
}

/** The runtime a point was measured on: its own, or (older runs) the run's. */
export const runtimeOf = (point: Pick<PointRecord, 'runtime'>, run: Pick<RunRecord, 'config' | 'environment'>): string => point.runtime ?? runPrimaryRuntime(run);

/** The runtimes a run measured, in the order named: its config's, or the one of a run from before runtimes. */
export function runRuntimes(run: Pick<RunRecord, 'config' | 'environment'>): string[] {
  return run.config.runtimes?.length ? [...run.config.runtimes] : [runPrimaryRuntime(run)];
}

/** The run as if it had measured one runtime only. */
export function runOnRuntime(run: RunRecord, runtime: string): RunRecord {
  return { ...run, points: run.points.filter((p) => runtimeOf(p, run) === runtime) };
}

/**
 * The run on its first runtime only: what the scenarios' sections, charts and terminal summary read, so
 * that no table mixes runtimes as if they were trials (bench/report/sections/runtimes.ts compares them).
 */
export function primaryView(run: RunRecord): RunRecord {
  return runRuntimes(run).length > 1 ? runOnRuntime(run, runPrimaryRuntime(run)) : run;
}
