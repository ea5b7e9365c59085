import { EventEmitter } from 'node:events';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { FromLoad, FromServer, LoadJob, LoadResult, ServerStats } from '../protocol/control.ts';
import { Child, ROOT } from './child-process.ts';
import type { BenchConfig } from './config.ts';
import { mergeLoadResults } from './merge-results.ts';
import { calibrate, type Calibration } from './calibration/calibrate.ts';
import type { PointRecord } from './run-record.ts';

const SERVER_ENTRY = join(ROOT, 'servers', 'child.ts');
const LOAD_ENTRY = join(ROOT, 'bench', 'load-child.ts');
const START_TIMEOUT_MS = 20_000;
const CONTROL_TIMEOUT_MS = 5_000;

/** Server on one core, load on the other, when there are two: neither steals the other's CPU. */
const SERVER_CPU = 0;
const LOAD_CPU = 1;

export interface PointPlan {
  trial: number;
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
    const { transports, scenarios, trials } = this.config;
    for (let trial = 1; trial <= trials; trial++) {
      const shift = (trial - 1) % transports.length;
      const order = [...transports.slice(shift), ...transports.slice(0, shift)];
      for (const scenario of scenarios) for (const transport of order) plans.push({ trial, transport, scenario });
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
    for (const [index, plan] of plans.entries()) {
      if (this.#aborted) return;
      if (calibrating && onCalibration && plan.trial !== calibratedTrial) {
        calibratedTrial = plan.trial;
        const fork = (entry: string, role: 'server' | 'load', args?: string[]) =>
          this.#fork(entry, role === 'server' ? SERVER_CPU : LOAD_CPU, args);
        const c = await calibrate(fork, plan.trial, this.config).catch((e: unknown) => ({ trial: plan.trial, error: (e as Error).message }));
        if (this.#aborted) return;
        onCalibration(c);
      }
      this.emit('point-start', plan, index, plans.length);
      const point = await this.runPoint(plan);
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

  #fork(entry: string, cpu: number, args?: string[]): Child {
    const child = new Child(entry, { ...(this.pinned ? { cpu } : {}), ...(args ? { args } : {}) });
    this.#live.add(child);
    void child.exited.then(() => this.#live.delete(child));
    return child;
  }

  async runPoint(plan: PointPlan): Promise<PointRecord> {
    const { config } = this;
    const job: LoadJob = {
      transport: plan.transport,
      scenario: plan.scenario,
      host: '127.0.0.1',
      port: 0,
      payloadBytes: config.payloadBytes,
      connections: config.connections,
      messages: config.messages,
      warmup: config.warmup,
      ...(config.ratePerS === undefined ? {} : { ratePerS: config.ratePerS }),
      durationS: config.durationS,
      warmupS: config.warmupS,
      sizes: config.sizes,
      worker: 0,
      workers: config.workers,
      replyTimeoutMs: config.replyTimeoutMs,
    };
    const base = { trial: plan.trial, client: 'node' as const, transport: plan.transport, scenario: plan.scenario };
    const server = this.#fork(SERVER_ENTRY, SERVER_CPU, [plan.transport]);
    const loads: Child[] = [];
    try {
      const ready = await server.waitFor<Extract<FromServer, { t: 'wb:ready' }>>('wb:ready', START_TIMEOUT_MS);
      job.port = ready.port;
      for (let w = 0; w < config.workers; w++) loads.push(this.#fork(LOAD_ENTRY, LOAD_CPU));
      const marks: Record<string, ServerStats> = {};
      const results = await new Promise<LoadResult[]>((resolve, reject) => {
        const barrier = new MarkBarrier(loads.length, async (name) => {
          const reply = await server.request<Extract<FromServer, { t: 'wb:stats' }>>({ t: 'wb:stats' }, CONTROL_TIMEOUT_MS);
          marks[name] = reply.stats;
        });
        loads.forEach((load, worker) => {
          load.process.on('message', (m: FromLoad) => {
            if (m.t !== 'wb:mark') return;
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
      return { ...base, job, status: 'ok', result: mergeLoadResults(results), marks };
    } catch (error) {
      const message = (error as Error).message.split('\n')[0] ?? 'failed';
      return { ...base, job, status: 'failed', error: message };
    } finally {
      await stopServer(server);
      await Promise.all(loads.map((l) => l.kill()));
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

async function stopServer(server: Child): Promise<void> {
  if (!server.running) return;
  await server.request({ t: 'wb:stop' }, CONTROL_TIMEOUT_MS).catch(() => undefined);
  await server.kill();
}
