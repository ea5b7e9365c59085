import type { ClientConnection } from '../../clients/transport.ts';
import type { LoadJob, LoadResult, ServerStats } from '../../protocol/control.ts';

/** What a scenario gets inside the load process. */
export interface LoadContext {
  readonly job: LoadJob;
  /** Opens one connection of the job's transport to the job's server (bounded by a timeout). */
  connect(onMessage: (text: string) => void): Promise<ClientConnection>;
  /** Has the orchestrator read the server's stats now, e.g. at the start and end of the measured window. */
  mark(name: string): Promise<void>;
}

/** What a scenario returns; the load process adds its own health around the `start`/`end` marks. */
export type ScenarioResult = Omit<LoadResult, 'health'>;

/** One measured point, as the orchestrator hands it to the scenario to turn into figures. */
export interface MeasuredPoint {
  job: LoadJob;
  result: LoadResult;
  /** server stats read at each mark the scenario set */
  marks: Record<string, ServerStats>;
}

/** One figure of a point, before it gets the run's columns (see output/summary-csv.ts). */
export interface Figure {
  metric: string;
  value: number;
  unit: 'us' | 'ns' | 'msg/s' | 'B/s' | 'B' | 'count' | 'pct' | 'ratio';
  /**
   * Where one point measures several sizes, counts or rates (a payload sweep, idle at several
   * connection counts, throughput steps), the figure names its own; otherwise the job's apply.
   */
  payloadBytes?: number;
  connections?: number;
  ratePerS?: number;
}

/**
 * A scenario: the load it drives (run in the load process through the transport-neutral client
 * interface) and the figures it derives. Adding one never touches a transport adapter.
 */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  load(ctx: LoadContext): Promise<ScenarioResult>;
  figures(point: MeasuredPoint): Figure[];
}
