/**
 * The load process: receives one job over IPC, connects the job's clients to the server, runs the
 * scenario and sends back encoded histograms and counters. It never writes to the measured sockets
 * anything but the scenario's messages.
 */
import { CLIENTS } from '../clients/registry.ts';
import type { FromLoad, LoadJob, ToLoad } from '../protocol/control.ts';
import { SCENARIOS } from './scenarios/registry.ts';
import type { LoadContext } from './scenarios/scenario.ts';
import { withTimeout } from './timeout.ts';
import { portFor } from './services/spread.ts';
import { LoopMonitor } from '../protocol/loop-monitor.ts';
import { nowUs } from '../protocol/envelope.ts';
import type { LoadHealth, Yardstick } from '../protocol/control.ts';
import { pingPong } from './calibration/ping-pong.ts';

const CONNECT_TIMEOUT_MS = 10_000;

/** Resolves once the message is handed to the IPC channel, so disconnecting after it loses nothing. */
function send(message: FromLoad): Promise<void> {
  return new Promise((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
}

let nextMark = 0;
const pendingMarks = new Map<number, () => void>();

/**
 * The load process's own effort over the measured window, taken at the scenario's `start` and `end`
 * marks, so that every scenario reports it without doing anything for it.
 */
const loop = new LoopMonitor();
let windowStart: { atUs: number; cpu: NodeJS.CpuUsage } | undefined;
let health: LoadHealth = { elapsedUs: 0, cpuUs: 0, loopDelayP99Us: 0, loopDelayMaxUs: 0 };

function observe(mark: string): void {
  if (mark === 'start') {
    loop.take();
    windowStart = { atUs: nowUs(), cpu: process.cpuUsage() };
  } else if (mark === 'end' && windowStart) {
    const cpu = process.cpuUsage(windowStart.cpu);
    const delay = loop.take();
    health = {
      elapsedUs: nowUs() - windowStart.atUs,
      cpuUs: cpu.user + cpu.system,
      loopDelayP99Us: delay.p99Us,
      loopDelayMaxUs: delay.maxUs,
    };
  }
}

/**
 * The yardstick bracket: a plain ping-pong just outside the measured window, so that it sees the machine
 * as the window did, on both sides of it. Small: 0.1 s or so each.
 */
const YARDSTICK_WARMUP = 1000;
const YARDSTICK_COUNT = 2000;
const yardstick: { before?: number; after?: number } = {};

async function timeYardstick(job: LoadJob, when: 'before' | 'after'): Promise<void> {
  if (job.yardstickPort === undefined) return;
  const r = await pingPong(job.yardstickPort, job.payloadBytes, YARDSTICK_WARMUP, YARDSTICK_COUNT);
  yardstick[when] = r.p50Us;
}

function yardstickResult(): { yardstick: Yardstick } | Record<string, never> {
  const { before, after } = yardstick;
  return before === undefined || after === undefined ? {} : { yardstick: { beforeP50Us: before, afterP50Us: after, count: YARDSTICK_COUNT } };
}

async function run(job: LoadJob): Promise<void> {
  const scenario = SCENARIOS[job.scenario];
  const client = CLIENTS[job.transport];
  if (!scenario || !client) throw new Error(`unknown scenario '${job.scenario}' or transport '${job.transport}'`);
  const { connect, traits = { socketsPerConnection: 1 } } = await client();
  let opened = 0; // connections asked for so far: spreads them over the server processes (portFor)
  const ctx: LoadContext = {
    job,
    connect: (onMessage, recovery) =>
      withTimeout(connect({ host: job.host, port: portFor(job, opened++), onMessage, ...recovery }), CONNECT_TIMEOUT_MS, `${job.transport} connect`),
    traits,
    mark: async (name, options) => {
      if (name === 'start') await timeYardstick(job, 'before');
      await new Promise<void>((resolve) => {
        if (name === 'end') observe(name); // the window ends before the wait for the other workers
        const id = nextMark++;
        pendingMarks.set(id, resolve);
        void send({ t: 'wb:mark', id, name, ...(options?.gc ? { gc: true } : {}) });
      });
      if (name === 'start') observe(name); // and starts once every worker is there
      if (name === 'end') await timeYardstick(job, 'after');
    },
    capture: (name, action) =>
      new Promise<void>((resolve) => {
        const id = nextMark++;
        pendingMarks.set(id, resolve);
        void send({ t: 'wb:capture', id, name, action });
      }),
  };
  const result = await scenario.load(ctx);
  await send({ t: 'wb:result', result: { ...result, health, ...yardstickResult() } });
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
