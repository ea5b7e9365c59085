/**
 * The load process, for the Node client and real Chromium alike: receives one job over IPC (wb:run),
 * runs it with the job's client, and answers with its result (wb:result) or its failure (wb:fatal).
 * While it runs, the scenario's marks and capture windows are asked of the orchestrator (wb:mark,
 * wb:capture) and go on when it answers (wb:marked). Nothing but the scenario's messages ever crosses a
 * measured socket.
 */
import type { CaptureAction, FromLoad, LoadJob, LoadResult, ToLoad } from '../../protocol/control.ts';
import { ROOT } from './root.ts';
import { recordImports } from './loaded-packages.ts';

// before any transport's client is loaded: what it imports is recorded for the environment
recordImports(ROOT);

/** What a job's runner may ask of the orchestrator. */
export interface LoadHooks {
  mark(name: string, options?: { gc?: boolean }): Promise<void>;
  capture(name: string, action: CaptureAction): Promise<void>;
  /** hands the orchestrator what the scenario measured so far, kept if the point fails later */
  progress(data: unknown): void;
  /** a control round trip with nothing in it (wb:ping) */
  ping?(): Promise<void>;
}

/** Resolves once the message is handed to the IPC channel, so disconnecting after it loses nothing. */
function send(message: FromLoad): Promise<void> {
  return new Promise((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
}

let nextId = 0;
const pending = new Map<number, () => void>();

/** Sends a request to the orchestrator and resolves when it answers wb:marked with the same id. */
function ask(message: { t: 'wb:mark'; name: string; gc?: boolean } | { t: 'wb:capture'; name: string; action: CaptureAction } | { t: 'wb:ping' }): Promise<void> {
  return new Promise<void>((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    void send({ ...message, id });
  });
}

const hooks: LoadHooks = {
  mark: (name, options) => ask({ t: 'wb:mark', name, ...(options?.gc ? { gc: true } : {}) }),
  capture: (name, action) => ask({ t: 'wb:capture', name, action }),
  progress: (data) => void send({ t: 'wb:progress', data }),
  ping: () => ask({ t: 'wb:ping' }),
};

/** The job's client: loaded here, so a Node load process never loads Playwright and a browser one never a transport's client. */
async function runJob(job: LoadJob): Promise<LoadResult> {
  if (job.client === 'browser') return (await import('../browser/run-job.ts')).runBrowserJob(job, hooks);
  return (await import('../load/run-node-job.ts')).runNodeJob(job, hooks);
}

process.on('message', (message: ToLoad) => {
  if (message.t === 'wb:marked') {
    pending.get(message.id)?.();
    pending.delete(message.id);
    return;
  }
  runJob(message.job)
    .then((result) => send({ t: 'wb:result', result }))
    .catch((error: unknown) =>
      send({ t: 'wb:fatal', message: error instanceof Error ? error.message : String(error), ...(error instanceof Error && error.stack ? { stack: error.stack } : {}) }),
    )
    .finally(() => process.disconnect());
});
// the orchestrator is gone: stop loading at once (Chromium, a child of this process, goes with its pipe)
process.on('disconnect', () => process.exit(0));
