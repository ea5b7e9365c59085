import type { ClientConnection, ClientOptions } from '../../clients/transport.ts';
import type { TransportDescriptor } from '../../transports/descriptor.ts';
import type { BenchConfig } from '../run/config.ts';
import type { CaptureAction, CapturedWindow, LoadJob, LoadResult, ServerStats } from '../../protocol/control.ts';

/** What a scenario gets inside the load process. */
export interface LoadContext {
  readonly job: LoadJob;
  /** Opens one connection of the job's transport to the job's server (bounded by a timeout). */
  connect(onMessage: (text: string) => void, recovery?: Pick<ClientOptions, 'reconnect' | 'onReconnect'>): Promise<ClientConnection>;
  /** everything the suite knows about the job's transport (sockets per connection, how it polls, ...) */
  readonly transport: TransportDescriptor;
  /**
   * Has the orchestrator read the server's stats now, e.g. at the start and end of the measured window;
   * with gc, after a forced garbage collection in the server, so that its memory is live memory.
   */
  mark(name: string, options?: { gc?: boolean }): Promise<void>;
  /**
   * Opens or closes a window in which the server keeps the bytes its sockets move (for the wire breakdown);
   * the point's record keeps them under `name`. Capturing slows HTTP parsing: never time anything inside one.
   */
  capture(name: string, action: CaptureAction): Promise<void>;
  /**
   * With a yardstick (the ci profile): times `count` round trips of the plain ping-pong now. A scenario
   * calls it between parts of its measured window so that the yardstick sees the machine as the window
   * did; the time it takes is taken out of the window's. Scenarios that never call it get one slice
   * just after their window.
   */
  yardstickSlice?(count: number): Promise<void>;
}

/** What a scenario returns; the load process adds its own health around the `start`/`end` marks. */
export type ScenarioResult = Omit<LoadResult, 'health'>;

/** One measured point, as the orchestrator hands it to the scenario to turn into figures. */
export interface MeasuredPoint {
  job: LoadJob;
  result: LoadResult;
  /** server stats read at each mark the scenario set */
  marks: Record<string, ServerStats>;
  /** capture windows the scenario asked for (see LoadContext.capture), by name */
  captures?: Record<string, CapturedWindow>;
}

/** One figure of a point, before it gets the run's columns (see results/summary-csv.ts). */
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
  /**
   * what makes this point's figures less than they seem, for the report's warnings: `value` is this
   * point's own figure, `detail` the rest, so that the report can say it once for all trials
   */
  warnings?(point: MeasuredPoint): { title: string; value: string; detail: string }[];
  /** at most this many trials of the run (e.g. 1 when its figures are deterministic); default: all */
  readonly maxTrials?: number;
  /** load processes for each of its points, when it needs more than --workers (sockets per process) */
  workers?(config: BenchConfig): number;
  /**
   * What the scenario provokes on purpose, so the report does not warn of it: messages lost to dropped
   * connections (churn), a load process busy all the time (a CPU benchmark such as micro).
   */
  readonly expects?: { loss?: boolean; busyLoad?: boolean };
  /** why the default run leaves it out (it runs when named); absent: it is in every default run */
  readonly notByDefault?: string;
  /** scenarios that run with it when it is named, so its part of the report is whole (wire brings overhead) */
  readonly brings?: readonly string[];
}
