import type { CapturedWindow, LoadJob, LoadResult, ServerStats } from '../../protocol/control.ts';
import type { BenchConfig } from '../run/config.ts';
import type { Client } from '../browser/support.ts';
import type { Environment } from '../run/environment.ts';
import type { Calibration } from '../calibration/calibrate.ts';

/** One point of a run: a transport in a scenario in one trial, measured or failed. */
export interface PointRecord {
  trial: number;
  client: Client;
  transport: string;
  scenario: string;
  job: LoadJob;
  status: 'ok' | 'failed';
  /** wall time of the whole point, processes started and stopped included */
  durationMs?: number;
  /** why the point failed, in one line */
  error?: string;
  result?: LoadResult;
  marks?: Record<string, ServerStats>;
  /** capture windows the scenario asked for, by name: the bytes themselves, for the breakdown by part */
  captures?: Record<string, CapturedWindow>;
}

/** Everything needed to redraw the report and to compare runs: the shape of results/run.json. */
export interface RunRecord {
  schema: 1;
  runId: string;
  startedAt: string;
  finishedAt?: string;
  status: 'running' | 'complete' | 'interrupted';
  environment: Environment;
  config: BenchConfig;
  points: PointRecord[];
  /** the plain node:net ping-pong of each trial, the yardstick for the suite's own overhead */
  calibration?: (Calibration | { trial: number; error: string })[];
}

export function newRunId(date = new Date()): string {
  const stamp = date.toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
  return `${stamp}-${Math.random().toString(36).slice(2, 6)}`;
}
