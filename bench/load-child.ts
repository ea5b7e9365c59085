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

const CONNECT_TIMEOUT_MS = 10_000;

/** Resolves once the message is handed to the IPC channel, so disconnecting after it loses nothing. */
function send(message: FromLoad): Promise<void> {
  return new Promise((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
}

let nextMark = 0;
const pendingMarks = new Map<number, () => void>();

async function run(job: LoadJob): Promise<void> {
  const scenario = SCENARIOS[job.scenario];
  const client = CLIENTS[job.transport];
  if (!scenario || !client) throw new Error(`unknown scenario '${job.scenario}' or transport '${job.transport}'`);
  const { connect } = await client();
  const ctx: LoadContext = {
    job,
    connect: (onMessage) =>
      withTimeout(connect({ host: job.host, port: job.port, onMessage }), CONNECT_TIMEOUT_MS, `${job.transport} connect`),
    mark: (name) =>
      new Promise((resolve) => {
        const id = nextMark++;
        pendingMarks.set(id, resolve);
        void send({ t: 'wb:mark', id, name });
      }),
  };
  await send({ t: 'wb:result', result: await scenario.load(ctx) });
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
