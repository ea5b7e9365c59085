/**
 * The browser load process: the same IPC as bench/processes/load-process.ts (wb:run, then wb:mark / wb:capture
 * answered by wb:marked, then wb:result), so the orchestrator only picks this entry for client=browser.
 * It drives Chromium (bench/browser/run-job.ts); the messages are sent and timed inside its pages.
 */
import type { CaptureAction, FromLoad, ToLoad } from '../../protocol/control.ts';
import { runBrowserJob } from '../browser/run-job.ts';

/** Resolves once the message is handed to the IPC channel, so disconnecting after it loses nothing. */
function send(message: FromLoad): Promise<void> {
  return new Promise((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
}

let nextId = 0;
const pending = new Map<number, () => void>();

/** Sends a request to the orchestrator and resolves when it answers wb:marked with the same id. */
function ask(message: { t: 'wb:mark'; name: string } | { t: 'wb:capture'; name: string; action: CaptureAction }): Promise<void> {
  return new Promise<void>((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    void send({ ...message, id });
  });
}

process.on('message', (message: ToLoad) => {
  if (message.t === 'wb:marked') {
    pending.get(message.id)?.();
    pending.delete(message.id);
    return;
  }
  runBrowserJob(message.job, {
    mark: (name) => ask({ t: 'wb:mark', name }),
    capture: (name, action) => ask({ t: 'wb:capture', name, action }),
  })
    .then((result) => send({ t: 'wb:result', result }))
    .catch((error: unknown) => send({ t: 'wb:fatal', message: error instanceof Error ? error.message : String(error) }))
    .finally(() => process.disconnect());
});
// the orchestrator is gone: stop at once (Chromium, our child, goes with its pipe)
process.on('disconnect', () => process.exit(0));
