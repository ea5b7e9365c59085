import type { CapturedWindow, LoadJob, LoadResult, ServerStats } from '../../protocol/control.ts';
import type { Client } from '../browser/support.ts';
import type { Calibration } from '../calibration/calibrate.ts';
import type { ErrorRecord } from '../errors.ts';
import type { BenchConfig } from '../run/config.ts';
import type { Environment } from '../run/environment.ts';
import type { PointWarning } from '../scenarios/scenario.ts';
import type { Figure } from './figure.ts';

/** The run.json schema this code writes; readers of older ones are in read-run.ts. */
export const RUN_SCHEMA = 2;

/** What identifies a point within a run: a transport in a scenario in one trial, with one client. */
export interface PointBase {
  trial: number;
  client: Client;
  transport: string;
  scenario: string;
  /** the runtime its server and load processes ran on (bench/runtimes); absent in runs from before runtimes (see runtimeOf) */
  runtime?: string;
  job: LoadJob;
  /** wall time of the whole point, processes started and stopped included */
  durationMs?: number;
  /** when it started, ms since the run started: points of a scenario that waits run beside later ones (Scenario.waitsAfter) */
  startedAtMs?: number;
}

/** A point that was measured: its merged result, the server's stats at each mark, and what they make. */
export interface MeasuredPointRecord extends PointBase {
  status: 'ok';
  result: LoadResult;
  marks: Record<string, ServerStats>;
  /** capture windows the scenario asked for, by name: the bytes themselves, for the breakdown by part */
  captures?: Record<string, CapturedWindow>;
  /** the point's figures, derived once when it was measured: summary.csv and the report read these */
  figures: Figure[];
  /** what makes its figures less than they seem, derived with them */
  warnings: PointWarning[];
  /** the packages (name -> versions) its server processes had loaded by the end; absent for a remote target */
  serverPackages?: Record<string, string[]>;
}

/** A point that failed: why, whole (message and stack), with the suite's error code. */
export interface FailedPointRecord extends PointBase {
  status: 'failed';
  error: ErrorRecord;
  /**
   * the server's stats at each mark the point reached before it failed (an idle point's connections
   * held and memory at each count it got through): what it measured, kept; absent when it reached none
   */
  marks?: Record<string, ServerStats>;
  /**
   * what its load processes had measured when it failed, merged (their last wb:progress), and the
   * scenario's partialFigures of it with the marks: summary.csv keeps them beside the `failed` row
   */
  partial?: unknown;
  figures?: Figure[];
}

export type PointRecord = MeasuredPointRecord | FailedPointRecord;

export type CalibrationRecord = Calibration | { trial: number; error: string };

/** Everything needed to redraw the report and to compare runs: the shape of results/run.json. */
export interface RunRecord {
  schema: typeof RUN_SCHEMA;
  runId: string;
  startedAt: string;
  finishedAt?: string;
  status: 'running' | 'complete' | 'interrupted';
  environment: Environment;
  config: BenchConfig;
  points: PointRecord[];
  /** the plain node:net ping-pong of each trial, the yardstick for the suite's own overhead */
  calibration?: CalibrationRecord[];
}

export function newRunId(date = new Date()): string {
  const stamp = date.toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
  return `${stamp}-${Math.random().toString(36).slice(2, 6)}`;
}

/** The measured points of a run, for readers that want only those. */
export const measuredPoints = (run: RunRecord): MeasuredPointRecord[] => run.points.filter((p): p is MeasuredPointRecord => p.status === 'ok');
