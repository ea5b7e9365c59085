import { EventEmitter } from 'node:events';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { CapturedWindow, FromLoad, FromServer, LoadJob, LoadResult, ServerStats } from '../../protocol/control.ts';
import { Child, ROOT } from '../processes/child-process.ts';
import type { BenchConfig } from './config.ts';
import { mergeLoadResults } from '../results/merge-load-results.ts';
import { decodeHistogram, summarize } from '../stats/histogram.ts';
import { calibrate, type Calibration } from '../calibration/calibrate.ts';
import type { PointRecord } from '../results/run-record.ts';
import { SCENARIOS } from '../scenarios/registry.ts';
import { ServerGroup } from '../services/server-group.ts';
import type { ServerSide } from '../services/server-side.ts';
import { RemoteTarget } from '../services/remote-target.ts';
import { browserSkipReason, type Client } from '../browser/support.ts';

const SERVER_ENTRY = join(ROOT, 'bench', 'processes', 'server-process.ts');
const YARDSTICK_ENTRY = join(ROOT, 'bench', 'calibration', 'ping-pong-server.ts');
const LOAD_ENTRY = join(ROOT, 'bench', 'processes', 'load-process.ts');
/** the same IPC as LOAD_ENTRY, with Chromium as the client */
const BROWSER_LOAD_ENTRY = join(ROOT, 'bench', 'processes', 'browser-load-process.ts');
const START_TIMEOUT_MS = 20_000;
const CONTROL_TIMEOUT_MS = 5_000;
/** gc() on request (wb:gc), so that memory per connection is read from live memory only */
const SERVER_NODE_ARGS = ['--expose-gc'];

/** Server on one core, load on the other, when there are two: neither steals the other's CPU. */
const SERVER_CPU = 0;
const LOAD_CPU = 1;

export interface PointPlan {
  trial: number;
  client: Client;
  transport: string;
  scenario: string;
}

export interface OrchestratorEvents {
  'point-start': [plan: PointPlan, index: number, total: number];
  'point-end': [point: PointRecord, index: number, total: number];
}

/**
 * Runs a plan of points, each in a fresh server process and a fresh load process, and emits an event
 * per point; printers listen. A point that fails is recorded with its reason and the run goes on.
 */
export class Orchestrator extends EventEmitter<OrchestratorEvents> {
  readonly #live = new Set<Child>();
  #aborted = false;
  readonly pinned = availableParallelism() >= 2;

  constructor(private readonly config: BenchConfig) {
    super();
  }

  /** Every trial runs every scenario; the order of transports turns by one each trial so drift hits all alike. */
  plan(): PointPlan[] {
    const plans: PointPlan[] = [];
    const { transports, scenarios, ratePerS } = this.config;
    const clients = this.config.clients ?? ['node'];
    const trialsOf = (scenario: string) => {
      const wanted = this.config.scenarioTrials?.[scenario] ?? this.config.trials;
      // a scenario whose figures are deterministic (wire bytes) says so: more trials would only cost time
      return Math.min(wanted, SCENARIOS[scenario]?.maxTrials ?? wanted);
    };
    const trials = Math.max(...scenarios.map(trialsOf));
    for (let trial = 1; trial <= trials; trial++) {
      const shift = (trial - 1) % transports.length;
      const order = [...transports.slice(shift), ...transports.slice(0, shift)];
      for (const scenario of scenarios) {
        if (trial > trialsOf(scenario)) continue;
        for (const client of clients) {
          for (const transport of order) {
            // what a browser cannot do (raw tcp, the scenarios its page lacks) is left out, not failed
            if (client === 'browser' && browserSkipReason({ transport, scenario, ratePerS })) continue;
            plans.push({ trial, client, transport, scenario });
          }
        }
      }
    }
    return plans;
  }

  /**
   * Runs the plan. Each trial starts with the calibration ping-pong when the run measures `tcp` echo,
   * the figure it is compared with; a calibration that fails is reported and the run goes on.
   */
  async run(onPoint: (point: PointRecord) => void, onCalibration?: (c: Calibration | { trial: number; error: string }) => void): Promise<void> {
    const plans = this.plan();
    const calibrating = this.config.transports.includes('tcp') && this.config.scenarios.includes('echo');
    let calibratedTrial = 0;
    const fork = (entry: string, role: 'server' | 'load', args?: string[]) => this.#fork(entry, role === 'server' ? SERVER_CPU : LOAD_CPU, args);
    for (const [index, plan] of plans.entries()) {
      if (this.#aborted) return;
      if (calibrating && onCalibration && plan.trial !== calibratedTrial) {
        calibratedTrial = plan.trial;
        const c = await calibrate(fork, plan.trial, this.config).catch((e: unknown) => ({ trial: plan.trial, error: (e as Error).message }));
        if ('p50Us' in c && (this.config.ratePerS !== undefined || this.config.connections !== 1)) {
          // the run has no closed-loop, one-connection tcp echo to set against the ping-pong: measure one
          const suite = await this.runPoint({ trial: plan.trial, client: 'node', transport: 'tcp', scenario: 'echo' }, { likeCalibration: true });
          const encoded = suite.result?.histograms['rtt'];
          if (encoded) c.suiteP50Us = summarize(decodeHistogram(encoded)).p50;
        }
        if (this.#aborted) return;
        onCalibration(c);
      }
      this.emit('point-start', plan, index, plans.length);
      const started = Date.now();
      const point = { ...(await this.runPoint(plan)), durationMs: Date.now() - started };
      if (this.#aborted) return; // a point cut short by the abort is not a measurement
      onPoint(point);
      this.emit('point-end', point, index, plans.length);
    }
  }

  /** Stops at once: every child is killed; run() returns after the current point. */
  async abort(): Promise<void> {
    this.#aborted = true;
    await Promise.all([...this.#live].map((c) => c.kill(500)));
  }

  #fork(entry: string, cpu: number, args?: string[], nodeArgs?: string[], env?: Record<string, string>): Child {
    const child = new Child(entry, {
      ...(this.pinned ? { cpu } : {}),
      ...(args ? { args } : {}),
      ...(nodeArgs ? { nodeArgs } : {}),
      ...(env ? { env } : {}),
    });
    this.#live.add(child);
    void child.exited.then(() => this.#live.delete(child));
    return child;
  }

  /** One point; `likeCalibration`: closed loop on one connection whatever the flags say, as the calibration's ping-pong. */
  async runPoint(plan: PointPlan, options: { likeCalibration?: boolean } = {}): Promise<PointRecord> {
    const { config } = this;
    // a scenario that holds more sockets than one process may open spreads them over more load processes
    // one browser holds all of a point's connections: its pages, not more processes, spread them
    const workers = plan.client === 'browser' ? 1 : (SCENARIOS[plan.scenario]?.workers?.(config) ?? config.workers);
    const job: LoadJob = {
      transport: plan.transport,
      scenario: plan.scenario,
      host: '127.0.0.1',
      port: 0,
      payloadBytes: config.payloadBytes,
      connections: options.likeCalibration ? 1 : config.connections,
      messages: config.messages,
      warmup: config.warmup,
      ...(config.ratePerS === undefined || options.likeCalibration ? {} : { ratePerS: config.ratePerS }),
      durationS: config.durationS,
      warmupS: config.warmupS,
      sizes: config.sizes,
      worker: 0,
      workers,
      replyTimeoutMs: config.replyTimeoutMs,
      profile: config.profile,
    };
    const base = { trial: plan.trial, client: plan.client, transport: plan.transport, scenario: plan.scenario };
    // a cluster's processes (and its services) all share the server's core: the load keeps its own
    const server: ServerSide = config.target
      ? new RemoteTarget(config.target)
      : new ServerGroup(plan.transport, (env) => this.#fork(SERVER_ENTRY, SERVER_CPU, [plan.transport], SERVER_NODE_ARGS, env));
    const loads: Child[] = [];
    // the yardstick's echo server shares the server's core; the two take turns (load/yardstick.ts)
    const yardstick = config.yardstickEachPoint && !config.target && !options.likeCalibration ? this.#fork(YARDSTICK_ENTRY, SERVER_CPU) : undefined;
    try {
      // the load processes start while the server does (each waits for its job): a second of start-up saved per point
      const entry = plan.client === 'browser' ? BROWSER_LOAD_ENTRY : LOAD_ENTRY;
      for (let w = 0; w < workers; w++) loads.push(this.#fork(entry, LOAD_CPU));
      const { host, ports } = await server.start(START_TIMEOUT_MS);
      Object.assign(job, { host, port: ports[0] ?? 0 }, ports.length > 1 ? { ports } : {});
      if (yardstick) job.yardstickPort = (await yardstick.waitFor<{ t: string; port: number }>('wb:ready', START_TIMEOUT_MS)).port;
      const marks: Record<string, ServerStats> = {};
      const captures: Record<string, CapturedWindow> = {};
      const results = await new Promise<LoadResult[]>((resolve, reject) => {
        const gcMarks = new Set<string>();
        const barrier = new MarkBarrier(loads.length, async (name) => {
          if (gcMarks.has(name)) await server.request({ t: 'wb:gc' }, CONTROL_TIMEOUT_MS);
          const reply = await server.request<Extract<FromServer, { t: 'wb:stats' }>>({ t: 'wb:stats' }, CONTROL_TIMEOUT_MS);
          marks[name] = reply.stats;
        });
        // a capture window opens and closes at a barrier too, so every worker's traffic falls inside it
        const captureBarrier = new MarkBarrier(loads.length, async (key) => {
          const [action, name = ''] = key.split(':');
          if (action === 'start') await server.request({ t: 'wb:capture-start' }, CONTROL_TIMEOUT_MS);
          else captures[name] = (await server.request<Extract<FromServer, { t: 'wb:capture-stop' }>>({ t: 'wb:capture-stop' }, CONTROL_TIMEOUT_MS)).window;
        });
        loads.forEach((load, worker) => {
          load.process.on('message', (m: FromLoad) => {
            if (m.t === 'wb:capture') {
              captureBarrier
                .arrive(`${m.action}:${m.name}`, () => load.send({ t: 'wb:marked', id: m.id }))
                .catch((e: unknown) => reject(new Error(`server capture: ${(e as Error).message}`)));
              return;
            }
            if (m.t !== 'wb:mark') return;
            if (m.gc) gcMarks.add(m.name);
            barrier
              .arrive(m.name, () => load.send({ t: 'wb:marked', id: m.id }))
              .catch((e: unknown) => reject(new Error(`server stats: ${(e as Error).message}`)));
          });
          load.send({ t: 'wb:run', job: { ...job, worker } });
        });
        Promise.all(
          loads.map((load) => load.waitFor<Extract<FromLoad, { t: 'wb:result' }>>('wb:result', config.pointTimeoutMs)),
        ).then(
          (replies) => resolve(replies.map((r) => r.result)),
          (e: unknown) => reject(new Error(`load: ${(e as Error).message}`)),
        );
        void server.exited.then(() => reject(new Error(`server ${server.describeExit()}`)));
      });
      return { ...base, job, status: 'ok', result: mergeLoadResults(results), marks, ...(Object.keys(captures).length ? { captures } : {}) };
    } catch (error) {
      const message = (error as Error).message.split('\n')[0] ?? 'failed';
      return { ...base, job, status: 'failed', error: message };
    } finally {
      await Promise.all([server.stop(), ...loads.map((l) => l.kill()), yardstick?.kill()]);
    }
  }
}

/**
 * Holds each load process at a named mark until all have reached it, then reads the server's stats
 * once and lets them all go on: the measured window starts and ends together for every worker.
 */
class MarkBarrier {
  readonly #waiting = new Map<string, (() => void)[]>();

  constructor(
    private readonly parties: number,
    private readonly onAll: (name: string) => Promise<void>,
  ) {}

  async arrive(name: string, release: () => void): Promise<void> {
    const waiting = this.#waiting.get(name) ?? [];
    waiting.push(release);
    this.#waiting.set(name, waiting);
    if (waiting.length < this.parties) return;
    this.#waiting.delete(name);
    await this.onAll(name);
    for (const go of waiting) go();
  }
}
