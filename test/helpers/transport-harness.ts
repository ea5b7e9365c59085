import type { ClientConnection } from '../../clients/transport.ts';
import { connectClient, startServer, type RunningServer } from '../../transports/start.ts';

/** A client connection that keeps what it received, for tests. */
export interface RecordingClient {
  conn: ClientConnection;
  received: string[];
  /** resolves once `count` messages have arrived in total (rejects after `ms`) */
  waitFor(count: number, ms?: number): Promise<string[]>;
}

export async function connectRecording(transport: string, port: number): Promise<RecordingClient> {
  const received: string[] = [];
  let wake = () => {};
  const conn = await connectClient(transport, {
    host: '127.0.0.1',
    port,
    onMessage: (text) => {
      received.push(text);
      wake();
    },
  });
  return {
    conn,
    received,
    waitFor: (count, ms = 5000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`got ${received.length} of ${count} messages`)), ms);
        wake = () => {
          if (received.length >= count) {
            clearTimeout(timer);
            resolve(received);
          }
        };
        wake();
      }),
  };
}

/** Polls until the check passes (or fails after `ms`): for effects that settle asynchronously. */
export async function eventually(check: () => boolean, ms = 3000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export { startServer, type RunningServer };
