import { EventEmitter } from 'node:events';
import { availableParallelism } from 'node:os';
import { CLIENT_CALIBRATED_TRANSPORT, calibrate, calibrateWsClient, type Calibration } from '../calibration/calibrate.ts';
import { Child } from '../processes/child-process.ts';
import { errorRecord, interrupted } from '../errors.ts';
import type { PointRecord } from '../results/run-record.ts';
import { YARDSTICK_METRIC } from '../results/describe-point.ts';
import type { BenchConfig } from './config.ts';
import { planPoints, type PointPlan } from './plan.ts';
import { findScenario } from '../scenarios/registry.ts';
import { runPoint, type Fork } from './point-runner.ts';
import { primaryRuntime } from '../runtimes/catalog.ts';
import { resolveRuntime, type Runtime } from '../runtimes/resolve.ts';

export type { PointPlan } from './plan.ts';

/**
 * The plan in the groups that run together: one point each, except that the points of a concurrent
 * scenario (Scenario.concurrent) in one trial and client make one group.
 */
export function concurrentGroups(plans: readonly PointPlan[]): { plan: PointPlan; index: number }[][] {
  const groups: { plan: PointPlan; index: number }[][] = [];
  for (const [index, plan] of plans.entries()) {
    const last = groups.at(-1)?.[0]?.plan;
    const joins = last && findScenario(plan.scenario)?.concurrent && last.scenario === plan.scenario && last.trial === plan.trial && last.client === plan.client;
    if (joins) groups.at(-1)?.push({ plan, index });
    else groups.push([{ plan, index }]);
  }
  return groups;
}

/** Server on one core, load on the other, when there are two: neither steals the other's CPU. */
const SERVER_CPU = 0;
const LOAD_CPU = 1;

export interface OrchestratorEvents {
  'point-start': [plan: PointPlan, index: number, total: number];
  'point-end': [point: PointRecord, index: number, total: number];
}

/**
 * Runs a plan of points, each in a fresh server process and fresh load processes (bench/run/point-runner.ts),
 * and emits an event per point; printers listen. A point that fails is recorded with its reason and the
 * run goes on.
 */
export class Orchestrator extends EventEmitter<OrchestratorEvents> {
  readonly #live = new Set<Child>();
  #aborted = false;
  readonly pinned = availableParallelism() >= 2;
  /** the run's first runtime: the calibration runs on it, and a plan that names none */
  readonly #fork: Fork;
  readonly #forks = new Map<string, Fork>();

  constructor(private readonly config: BenchConfig) {
    super();
    this.#fork = this.#forkOn(primaryRuntime(config.runtimes));
  }

  /** Forks children on the named runtime (resolved, and installed if it must be, the first time it is named). */
  #forkOn(name: string): Fork {
    let fork = this.#forks.get(name);
    if (!fork) {
      const runtime = resolveRuntime(name);
      fork = (entry, role, args, nodeArgs, env) => this.#spawn(runtime, entry, role === 'server' ? SERVER_CPU : LOAD_CPU, args, nodeArgs, env);
      this.#forks.set(name, fork);
    }
    return fork;
  }

  plan(): PointPlan[] {
    return planPoints(this.config);
  }

  /**
   * Runs the plan. Each trial starts with the calibration ping-pong when the run measures `tcp` echo,
   * the figure it is compared with; a calibration that fails is reported and the run goes on.
   */
  async run(onPoint: (point: PointRecord) => void, onCalibration?: (c: Calibration | { trial: number; error: string }) => void): Promise<void> {
    const plans = this.plan();
    const calibrating = this.config.transports.includes('tcp') && this.config.scenarios.includes('echo');
    let calibratedTrial = 0;
    const runStarted = Date.now();
    /** a group of a scenario that waits (Scenario.waitsAfter), running beside the points after it */
    let background: Promise<void> = Promise.resolve();
    for (const group of concurrentGroups(plans)) {
      if (this.#aborted) return;
      const trial = group[0]?.plan.trial;
      if (calibrating && onCalibration && trial !== undefined && trial !== calibratedTrial) {
        calibratedTrial = trial;
        const c = await this.#calibrate(trial);
        if (this.#aborted) return;
        onCalibration(c);
      }
      const waits = group[0] ? findScenario(group[0].plan.scenario)?.waitsAfter : undefined;
      // one group beside the run at a time: the one before it ends first
      if (waits) await background;
      const released: Promise<void>[] = [];
      const running = Promise.all(
        group.map(async ({ plan, index }) => {
          let release: () => void = () => {};
          released.push(new Promise<void>((resolve) => (release = resolve)));
          this.emit('point-start', plan, index, plans.length);
          const started = Date.now();
          const onMark = waits ? (name: string) => void (waits(name) && release()) : undefined;
          const point = { ...(await this.runPoint(plan, onMark ? { onMark } : {})), durationMs: Date.now() - started, startedAtMs: started - runStarted };
          release(); // a point that ended (or failed) before its wait releases the run too
          if (this.#aborted) {
            // a point cut short by the abort is not a measurement, but it is told: run.json shows what was
            // under way and for how long (a 100,000-connection idle point takes minutes), not a silent gap
            const { durationMs, startedAtMs } = point;
            const base = { trial: point.trial, client: point.client, transport: point.transport, scenario: point.scenario, job: point.job, durationMs, startedAtMs, ...(point.runtime ? { runtime: point.runtime } : {}) };
            // the server's stats at the marks it reached are kept, as a failed point's are (an idle point's counts held)
            const marks = point.marks && Object.keys(point.marks).length > 0 ? { marks: point.marks } : {};
            const why = marks.marks ? `its server's stats at the ${Object.keys(marks.marks).length} marks it reached are kept` : 'it had reached no mark';
            onPoint({ ...base, status: 'failed', error: errorRecord(interrupted(`interrupted after ${Math.round(durationMs / 1000)} s: the point under way was stopped (${why})`)), ...marks });
            return;
          }
          onPoint(point);
          this.emit('point-end', point, index, plans.length);
        }),
      );
      if (!waits) {
        await running;
        continue;
      }
      // its points only wait from here (Scenario.waitsAfter): the run goes on beside them
      background = running.then(() => undefined);
      await Promise.all(released);
    }
    await background;
  }

  /** One point of the plan, or (likeCalibration) a closed-loop one-connection echo as the ping-pong runs. */
  runPoint(plan: PointPlan, options: { likeCalibration?: boolean; yardstick?: boolean; onMark?: (name: string) => void } = {}): Promise<PointRecord> {
    const runtime = plan.runtime ?? primaryRuntime(this.config.runtimes);
    return runPoint({ ...plan, runtime }, this.config, this.#forkOn(runtime), options);
  }

  /** The trial's ping-pong; when the run has no closed-loop one-connection tcp echo to set against it, one is measured beside it. */
  async #calibrate(trial: number): Promise<Calibration | { trial: number; error: string }> {
    const fork = (entry: string, role: 'server' | 'load', args?: string[], env?: Record<string, string>) => this.#fork(entry, role, args, undefined, env);
    const c = await calibrate(fork, trial, this.config).catch((e: unknown) => ({ trial, error: (e as Error).message }));
    if ('p50Us' in c && this.config.transports.includes(CLIENT_CALIBRATED_TRANSPORT)) {
      // the hand-written client and the suite's own echo over the same server, one right after the
      // other (which goes first turns each trial), so that the machine's speed, which steps by tens of
      // percent from one moment to the next here, is the same for both
      const suite = async () => {
        const p = await this.runPoint({ trial, client: 'node', transport: CLIENT_CALIBRATED_TRANSPORT, scenario: 'echo' }, { likeCalibration: true });
        return p.status === 'ok' ? p.figures.find((f) => f.metric === 'msgs_per_s' && f.ratePerS === undefined)?.value : undefined;
      };
      const suiteFirst = trial % 2 === 0;
      const before = suiteFirst ? await suite() : undefined;
      const hand = await calibrateWsClient(fork, this.config).catch((e: unknown) => ({ error: (e as Error).message }));
      const after = !suiteFirst && 'msgsPerS' in hand ? await suite() : undefined;
      const suiteMsgsPerS = before ?? after;
      c.wsClient = 'msgsPerS' in hand && suiteMsgsPerS !== undefined ? { ...hand, suiteMsgsPerS } : hand;
    }
    if ('p50Us' in c) {
      // the suite's tcp echo with the plain ping-pong timed in turns inside its window: the ratio of the two
      // is the suite's own overhead, whatever the machine's speed did meanwhile
      const suite = await this.runPoint({ trial, client: 'node', transport: 'tcp', scenario: 'echo' }, { likeCalibration: true, yardstick: true });
      const figure = (metric: string) => (suite.status === 'ok' ? suite.figures.find((f) => f.metric === metric && f.ratePerS === undefined)?.value : undefined);
      const suiteP50Us = figure('rtt_p50');
      const pingPongP50Us = figure(YARDSTICK_METRIC);
      if (suiteP50Us !== undefined) c.suiteP50Us = suiteP50Us;
      if (suiteP50Us !== undefined && pingPongP50Us !== undefined && pingPongP50Us > 0) c.interleaved = { suiteP50Us, pingPongP50Us };
    }
    return c;
  }

  /** Stops at once: every child is killed; run() returns after the current point. */
  async abort(): Promise<void> {
    this.#aborted = true;
    await Promise.all([...this.#live].map((c) => c.kill(500)));
  }

  #spawn(runtime: Runtime, entry: string, cpu: number, args?: string[], nodeArgs?: string[], env?: Record<string, string>): Child {
    const child = new Child(entry, {
      runtime,
      ...(this.pinned ? { cpu } : {}),
      ...(args ? { args } : {}),
      ...(nodeArgs ? { nodeArgs } : {}),
      ...(env ? { env } : {}),
    });
    this.#live.add(child);
    void child.exited.then(() => this.#live.delete(child));
    return child;
  }
}
