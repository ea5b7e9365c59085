import type { PayloadKind } from '../../protocol/payload.ts';
import type { ClientConnection, ClientOptions } from '../../clients/transport.ts';
import type { CaptureAction, CapturedWindow, Delivery, LoadJob, LoadResult, Schedule, ServerStats } from '../../protocol/control.ts';
import type { TransportDescriptor } from '../../transports/descriptor.ts';
import type { BrowserScenario } from '../browser/scenario.ts';
import type { MetricRule } from '../compare/metric-rule.ts';
import type { ScenarioReport } from '../report/scenario-report.ts';
import type { Figure } from '../results/figure.ts';
import type { BenchConfig } from '../run/config.ts';

/** The named sets of sizes a run can take (bench/run/profiles.ts); every scenario has its own for each. */
export const PROFILE_NAMES = ['quick', 'full', 'ci'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];
export type SizesByProfile<Sizes> = Readonly<Record<ProfileName, Sizes>>;

/** What a scenario gets inside the load process. */
export interface LoadContext<Sizes = unknown> {
  readonly job: LoadJob;
  /** the scenario's own sizes for this run (job.sizes, typed) */
  readonly sizes: Sizes;
  /** everything the suite knows about the job's transport (sockets per connection, how it polls, ...) */
  readonly transport: TransportDescriptor;
  /** Opens one connection of the job's transport to the job's server (bounded by a timeout). */
  connect(onMessage: (text: string) => void, recovery?: Pick<ClientOptions, 'reconnect' | 'onReconnect'>): Promise<ClientConnection>;
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
  /**
   * Hands the orchestrator the data measured so far (the shape the scenario's result holds), after a
   * part of a long point such as one count of idle: if the point fails or runs out of time later, its
   * record keeps the last data of every load process and the scenario's partialFigures make figures of it.
   */
  progress?(data: unknown): void;
  /** A control round trip with nothing in it, to warm the control path as the message path is (warm-up.ts). */
  ping?(): Promise<void>;
}

/** What a scenario's load returns; the load process adds its own health and the yardstick. */
export interface ScenarioOutput<Data> {
  data: Data;
  /** every message it moved, counted; absent only for a scenario that moves none (micro) */
  delivery?: Delivery;
  /** open loop only: how well the sender kept its schedule */
  schedule?: Schedule;
}

/** One measured point, as the orchestrator hands it to the scenario to turn into figures. */
export interface MeasuredPoint<Sizes = unknown, Data = unknown> {
  job: LoadJob;
  /** job.sizes, typed */
  sizes: Sizes;
  result: LoadResult<Data>;
  /** server stats read at each mark the scenario set */
  marks: Record<string, ServerStats>;
  /** capture windows the scenario asked for (see LoadContext.capture), by name */
  captures?: Record<string, CapturedWindow>;
}

/** A point that failed part-way: what its load processes last said they had measured, merged, and the marks reached. */
export interface PartialPoint<Sizes = unknown, Data = unknown> {
  job: LoadJob;
  sizes: Sizes;
  data: Data;
  marks: Record<string, ServerStats>;
}

/** Something that makes a point's figures less than they seem, said once for every trial alike. */
export interface PointWarning {
  title: string;
  /** this point's own figure */
  value: string;
  /** the rest of the sentence, the same for every trial */
  detail: string;
}

/** How runs of the suite before schema 2 stored a scenario's result: a bag of numbers and histograms by name. */
export interface V1Result {
  histograms: Record<string, string>;
  values?: Record<string, number>;
  lateSends?: number;
  scheduleLagUs?: number;
}

/**
 * A scenario: the load it drives (in the load process, through the transport-neutral client interface),
 * its sizes in every profile, its typed result and how the results of several load processes (or load
 * hosts) merge, the figures it derives, its part of the report and which of its metrics the regression
 * gate judges. Adding one is its folder and one line in registry.ts; no transport changes.
 *
 * Members are methods, not function-valued properties, so that a Scenario<EchoSizes, EchoData> is a
 * Scenario: the registry holds them all under one type.
 */
export interface Scenario<Sizes = unknown, Data = unknown> {
  readonly name: string;
  readonly description: string;
  readonly sizes: SizesByProfile<Sizes>;
  /** its sizes with --connections given, for a scenario that sizes itself by connections */
  withConnections?(sizes: Sizes, connections: number): Sizes;
  load(ctx: LoadContext<Sizes>): Promise<ScenarioOutput<Data>>;
  /** the results of several load processes of one point (or of several load hosts) as one, exactly */
  merge(parts: readonly Data[]): Data;
  figures(point: MeasuredPoint<Sizes, Data>): Figure[];
  warnings?(point: MeasuredPoint<Sizes, Data>): PointWarning[];
  /**
   * The figures of a point that failed after its load processes sent progress (LoadContext.progress):
   * from the merged data and the marks reached, those that need no whole window (no health, no
   * delivery). Absent: a failed point keeps its marks alone.
   */
  partialFigures?(point: PartialPoint<Sizes, Data>): Figure[];
  readonly report?: ScenarioReport<Sizes>;
  /** the metrics the regression gate judges, and how; lost, duplicated and failed are judged for every scenario */
  readonly gate?: Readonly<Record<string, MetricRule>>;
  /**
   * `bench:compare --base` measures it in every base and head run (the ci profile), so that its gate
   * guards each pull request; absent: its gate judges it only when two stored runs that hold it are
   * compared. Each one costs every run of both sides its time (at most 15 minutes in all here).
   */
  readonly inCompareRuns?: boolean;
  /** how a page of real Chromium runs it (bench/browser); absent: Node clients only */
  browser?(): Promise<BrowserScenario<Sizes, Data>>;
  /** reads a result stored by a run of schema 1 */
  upgradeV1?(old: V1Result, sizes: Sizes, job: LoadJob): Data;
  /** at most this many trials of the run (e.g. 1 when its figures are deterministic); default: all */
  readonly maxTrials?: number;
  /** load processes for each of its points, when it needs more than --workers (sockets per process) */
  workers?(config: BenchConfig, sizes: Sizes): number;
  /**
   * the most connections one of its points holds at once, for a scenario that holds many: its points
   * are then sized from it (bench/run/scale.ts: server cluster, load processes, source addresses)
   */
  mostConnections?(sizes: Sizes): number;
  /**
   * Its points of one trial may run side by side, each transport in its own server and load processes:
   * for a scenario that mostly waits (idle connections cost no CPU), so that its wait is paid once.
   */
  readonly concurrent?: boolean;
  /**
   * The run goes on beside its points once each has passed a mark this accepts: for a scenario that
   * from there on only waits (idle's quiet window), so that the points after it need not wait too. Its
   * own figures must not be timings of the machine's CPU then (counts of bytes and memory are not).
   */
  readonly waitsAfter?: (mark: string) => boolean;
  /**
   * The payload kinds its messages are made of (--payload-kind, protocol/payload.ts); absent: padding
   * only. A run asking for another kind refuses the scenarios that would send padding all the same.
   */
  readonly payloadKinds?: readonly PayloadKind[];
  /** how long one of its points may take at the most, when that is longer than the run's --point timeout */
  pointTimeoutMs?(sizes: Sizes, config: BenchConfig): number;
  /**
   * What the scenario provokes on purpose, so the report does not warn of it: messages lost to dropped
   * connections (churn), a load process busy all the time (a CPU benchmark such as micro).
   */
  readonly expects?: { loss?: boolean; busyLoad?: boolean };
  /**
   * its load drives the server to its limit, so that the load must out-run it: text messages run on the
   * transport's loadClient where it has one (its descriptor says why), not its users' client
   */
  readonly drivesServerToLimit?: boolean;
  /**
   * what it needs of a server the user wrote (`--target <url>`), for the README's contract and --help;
   * absent: it needs the suite's own server (its stats, memory after GC, capture windows)
   */
  readonly ownServer?: string;
  /** why the default run leaves it out (it runs when named); absent: it is in every default run */
  readonly notByDefault?: string;
  /** scenarios that run with it when it is named, so its part of the report is whole (wire brings overhead) */
  readonly brings?: readonly string[];
}

/** The identity function, typed: a scenario file reads `export const echo = defineScenario<EchoSizes, EchoData>({...})`. */
export function defineScenario<Sizes, Data>(scenario: Scenario<Sizes, Data>): Scenario<Sizes, Data> {
  return scenario;
}
