/**
 * The load process: receives one job over IPC, connects the job's clients to the server, runs the
 * scenario and sends back encoded histograms and counters. It never writes to the measured sockets
 * anything but the scenario's messages.
 */
import { findTransport } from '../../transports/registry.ts';
import type { FromLoad, LoadJob, ToLoad } from '../../protocol/control.ts';
import { SCENARIOS } from '../scenarios/registry.ts';
import type { LoadContext } from '../scenarios/scenario.ts';
import { withTimeout } from '../load/with-timeout.ts';
import { portFor } from '../services/spread.ts';
import { LoopMonitor } from '../../protocol/loop-monitor.ts';
import { nowUs } from '../../protocol/envelope.ts';
import type { LoadHealth } from '../../protocol/control.ts';
import { InterleavedYardstick, YARDSTICK_COUNT } from '../load/yardstick.ts';

const CONNECT_TIMEOUT_MS = 10_000;

/** Resolves once the message is handed to the IPC channel, so disconnecting after it loses nothing. */
function send(message: FromLoad): Promise<void> {
  return new Promise((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
}

let nextMark = 0;
const pendingMarks = new Map<number, () => void>();

/** the point's yardstick, when the job has one (see load/yardstick.ts) */
let yardstick: InterleavedYardstick | undefined;

/**
 * The load process's own effort over the measured window, taken at the scenario's `start` and `end`
 * marks, so that every scenario reports it without doing anything for it.
 */
const loop = new LoopMonitor();
let windowStart: { atUs: number; cpu: NodeJS.CpuUsage; pausedUs: number; pausedCpuUs: number } | undefined;
let health: LoadHealth = { elapsedUs: 0, cpuUs: 0, loopDelayP99Us: 0, loopDelayMaxUs: 0 };

function observe(mark: string): void {
  if (mark === 'start') {
    loop.take();
    windowStart = { atUs: nowUs(), cpu: process.cpuUsage(), pausedUs: yardstick?.pausedUs ?? 0, pausedCpuUs: yardstick?.pausedCpuUs ?? 0 };
  } else if (mark === 'end' && windowStart) {
    const cpu = process.cpuUsage(windowStart.cpu);
    const delay = loop.take();
    // the yardstick's slices inside the window are not the scenario's time
    health = {
      elapsedUs: nowUs() - windowStart.atUs - ((yardstick?.pausedUs ?? 0) - windowStart.pausedUs),
      cpuUs: cpu.user + cpu.system - ((yardstick?.pausedCpuUs ?? 0) - windowStart.pausedCpuUs),
      loopDelayP99Us: delay.p99Us,
      loopDelayMaxUs: delay.maxUs,
    };
  }
}

async function openYardstick(job: LoadJob): Promise<void> {
  if (job.yardstickPort === undefined || yardstick) return;
  yardstick = new InterleavedYardstick(job.yardstickPort, job.payloadBytes);
  await yardstick.open();
}

/** A scenario that took no slices inside its window gets one just after it, so that every point has one. */
async function closeYardstick(): Promise<void> {
  if (!yardstick) return;
  if (yardstick.slices === 0) await yardstick.slice(YARDSTICK_COUNT);
  yardstick.close();
}

async function run(job: LoadJob): Promise<void> {
  const scenario = SCENARIOS[job.scenario];
  const transport = findTransport(job.transport);
  if (!scenario || !transport) throw new Error(`unknown scenario '${job.scenario}' or transport '${job.transport}'`);
  const connect = await transport.client();
  let opened = 0; // connections asked for so far: spreads them over the server processes (portFor)
  const ctx: LoadContext = {
    job,
    connect: (onMessage, recovery) =>
      withTimeout(connect({ host: job.host, port: portFor(job, opened++), onMessage, ...recovery }), CONNECT_TIMEOUT_MS, `${job.transport} connect`),
    transport,
    mark: async (name, options) => {
      if (name === 'start') await openYardstick(job);
      await new Promise<void>((resolve) => {
        if (name === 'end') observe(name); // the window ends before the wait for the other workers
        const id = nextMark++;
        pendingMarks.set(id, resolve);
        void send({ t: 'wb:mark', id, name, ...(options?.gc ? { gc: true } : {}) });
      });
      if (name === 'start') observe(name); // and starts once every worker is there
      if (name === 'end') await closeYardstick();
    },
    capture: (name, action) =>
      new Promise<void>((resolve) => {
        const id = nextMark++;
        pendingMarks.set(id, resolve);
        void send({ t: 'wb:capture', id, name, action });
      }),
    ...(job.yardstickPort === undefined ? {} : { yardstickSlice: (count: number) => yardstick?.slice(count) ?? Promise.resolve() }),
  };
  const result = await scenario.load(ctx);
  const measured = yardstick?.result();
  await send({ t: 'wb:result', result: { ...result, health, ...(measured ? { yardstick: measured } : {}) } });
}

process.on('message', (message: ToLoad) => {
  if (message.t === 'wb:marked') {
    pendingMarks.get(message.id)?.();
    pendingMarks.delete(message.id);
    return;
  }
  run(message.job)
    .catch((error: unknown) => send({ t: 'wb:fatal', message: error instanceof Error ? error.message : String(error) }))
    .finally(() => process.disconnect());
});
// the orchestrator is gone: stop loading at once
process.on('disconnect', () => process.exit(0));
