import { EventEmitter } from 'node:events';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { FromLoad, FromServer, LoadJob } from '../protocol/control.ts';
import { Child, ROOT } from './child-process.ts';
import type { BenchConfig } from './config.ts';
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

  async run(onPoint: (point: PointRecord) => void): Promise<void> {
    const plans = this.plan();
    for (const [index, plan] of plans.entries()) {
      if (this.#aborted) return;
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
      replyTimeoutMs: config.replyTimeoutMs,
    };
    const base = { trial: plan.trial, client: 'node' as const, transport: plan.transport, scenario: plan.scenario };
    const server = this.#fork(SERVER_ENTRY, SERVER_CPU, [plan.transport]);
    let load: Child | undefined;
    try {
      const ready = await server.waitFor<Extract<FromServer, { t: 'wb:ready' }>>('wb:ready', START_TIMEOUT_MS);
      job.port = ready.port;
      const loader = this.#fork(LOAD_ENTRY, LOAD_CPU);
      load = loader;
      const marks: NonNullable<PointRecord['marks']> = {};
      const measured = new Promise<PointRecord>((resolve, reject) => {
        loader.process.on('message', (m: FromLoad) => {
          if (m.t !== 'wb:mark') return;
          server
            .request<Extract<FromServer, { t: 'wb:stats' }>>({ t: 'wb:stats' }, CONTROL_TIMEOUT_MS)
            .then((reply) => {
              marks[m.name] = reply.stats;
              loader.send({ t: 'wb:marked', id: m.id });
            })
            .catch((e: unknown) => reject(new Error(`server stats: ${(e as Error).message}`)));
        });
        loader
          .waitFor<Extract<FromLoad, { t: 'wb:result' }>>('wb:result', config.pointTimeoutMs)
          .then(({ result }) => resolve({ ...base, job, status: 'ok', result, marks }))
          .catch((e: unknown) => reject(new Error(`load: ${(e as Error).message}`)));
        void server.exited.then(() => reject(new Error(`server ${server.describeExit()}`)));
      });
      loader.send({ t: 'wb:run', job });
      return await measured;
    } catch (error) {
      const message = (error as Error).message.split('\n')[0] ?? 'failed';
      return { ...base, job, status: 'failed', error: message };
    } finally {
      await stopServer(server);
      await load?.kill();
    }
  }
}

async function stopServer(server: Child): Promise<void> {
  if (!server.running) return;
  await server.request({ t: 'wb:stop' }, CONTROL_TIMEOUT_MS).catch(() => undefined);
  await server.kill();
}
