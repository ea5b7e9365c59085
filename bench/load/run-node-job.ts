import type { LoadHealth, LoadJob, LoadResult } from '../../protocol/control.ts';
import { nowUs } from '../../protocol/envelope.ts';
import { LoopMonitor } from '../../protocol/loop-monitor.ts';
import { readWaits, waitedBetween, type WaitReading } from '../../protocol/run-queue.ts';
import { transportNamed } from '../../transports/registry.ts';
import type { LoadHooks } from '../processes/load-process.ts';
import { scenarioNamed } from '../scenarios/registry.ts';
import type { LoadContext } from '../scenarios/scenario.ts';
import { loadClientFor } from './load-client.ts';
import { portFor } from '../services/spread.ts';
import { withTimeout } from './with-timeout.ts';
import { InterleavedYardstick, YARDSTICK_COUNT } from './yardstick.ts';
import { loadedPackages } from '../processes/loaded-packages.ts';
import { ClientSocketBytes } from '../processes/client-socket-bytes.ts';

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The load process's own effort over the measured window, taken at the scenario's `start` and `end`
 * marks, so that every scenario reports it without doing anything for it. The yardstick's slices inside
 * the window are not the scenario's time, and are taken out.
 */
class HealthMeter {
  readonly #loop = new LoopMonitor();
  #start: { atUs: number; cpu: NodeJS.CpuUsage; pausedUs: number; pausedCpuUs: number; waited: WaitReading } | undefined;
  health: LoadHealth = { elapsedUs: 0, cpuUs: 0, loopDelayP99Us: 0, loopDelayMaxUs: 0 };

  constructor(
    private readonly yardstick: () => InterleavedYardstick | undefined,
    private readonly job: Pick<LoadJob, 'serverPids' | 'pointPids'>,
  ) {}

  #waits(): WaitReading {
    // the server's waits are read from its own marks; here only its CPU time, to tell other work's apart
    return readWaits(undefined, [...(this.job.serverPids ?? []), ...(this.job.pointPids ?? [])]);
  }

  start(): void {
    this.#loop.take();
    const y = this.yardstick();
    this.#start = { atUs: nowUs(), cpu: process.cpuUsage(), pausedUs: y?.pausedUs ?? 0, pausedCpuUs: y?.pausedCpuUs ?? 0, waited: this.#waits() };
  }

  end(): void {
    if (!this.#start) return;
    const cpu = process.cpuUsage(this.#start.cpu);
    const delay = this.#loop.take();
    const y = this.yardstick();
    const waited = waitedBetween(this.#start.waited, this.#waits());
    this.health = {
      elapsedUs: nowUs() - this.#start.atUs - ((y?.pausedUs ?? 0) - this.#start.pausedUs),
      cpuUs: cpu.user + cpu.system - ((y?.pausedCpuUs ?? 0) - this.#start.pausedCpuUs),
      loopDelayP99Us: delay.p99Us,
      loopDelayMaxUs: delay.maxUs,
      ...(waited.runQueueWaitUs !== undefined ? { runQueueWaitUs: waited.runQueueWaitUs } : {}),
      ...(waited.foreignCpuUs !== undefined ? { foreignCpuUs: waited.foreignCpuUs } : {}),
    };
  }
}

/**
 * The source address of this process's `index`-th connection: connections are numbered across the
 * point's load processes in turn (worker, worker + workers, …), and each address takes `perSource` of them.
 */
export function sourceFor(job: Pick<LoadJob, 'sources' | 'worker' | 'workers'>, index: number): { localAddress?: string } {
  const addresses = job.sources?.addresses;
  if (!addresses?.length || !job.sources) return {};
  const global = index * job.workers + job.worker;
  return { localAddress: addresses[Math.min(addresses.length - 1, Math.floor(global / job.sources.perSource))] ?? addresses[0] };
}

/**
 * Runs one job with the transport's Node client: the scenario's load through a LoadContext, the load's
 * health around its window, and (ci profile) the yardstick's slices. Connections are spread over the
 * server's processes in turn (portFor).
 */
export async function runNodeJob(job: LoadJob, hooks: LoadHooks): Promise<LoadResult> {
  const scenario = scenarioNamed(job.scenario);
  const transport = transportNamed(job.transport);
  const connect = await loadClientFor(scenario, transport, job);
  let yardstick: InterleavedYardstick | undefined;
  const meter = new HealthMeter(() => yardstick, job);
  let opened = 0;
  // watching from before the first connection opens, so that every socket of the transport is seen
  const bytes = job.countClientBytes ? new ClientSocketBytes() : undefined;
  const ctx: LoadContext = {
    job,
    sizes: job.sizes,
    transport,
    connect: (onMessage, recovery) => {
      const opening = connect({ host: job.host, port: portFor(job, opened), ...sourceFor(job, opened++), ...(job.path === undefined ? {} : { path: job.path }), ...(job.payloadKind === 'binary' ? { binary: true } : {}), onMessage, ...recovery });
      // a connection that opens after its time is up counts as failed: it must not stay open, unseen
      return withTimeout(opening, CONNECT_TIMEOUT_MS, `${job.transport} connect`).catch((error: unknown) => {
        void opening.then((late) => late.close(), () => undefined);
        throw error;
      });
    },
    mark: async (name, options) => {
      if (name === 'start' && job.yardstickPort !== undefined && !yardstick) {
        yardstick = new InterleavedYardstick(job.yardstickPort, job.payloadBytes);
        await yardstick.open();
      }
      if (name === 'end') {
        meter.end(); // the window ends before the wait for the other workers
        bytes?.end();
      }
      await hooks.mark(name, options);
      if (name === 'start') {
        meter.start(); // and starts once every worker is there
        bytes?.start();
      }
      // a scenario that took no slices inside its window gets one just after it, so that every point has one
      if (name === 'end' && yardstick) {
        if (yardstick.slices === 0) await yardstick.slice(YARDSTICK_COUNT);
        yardstick.close();
      }
    },
    capture: hooks.capture,
    progress: hooks.progress,
    ...(hooks.ping ? { ping: hooks.ping } : {}),
    ...(job.yardstickPort === undefined ? {} : { yardstickSlice: (count: number) => yardstick?.slice(count) ?? Promise.resolve() }),
  };
  const output = await scenario.load(ctx);
  const measured = yardstick?.result();
  bytes?.stop();
  const clientBytes = bytes?.window;
  return { ...output, health: meter.health, ...(measured ? { yardstick: measured } : {}), packages: loadedPackages(), ...(clientBytes ? { clientBytes } : {}) };
}
