/**
 * Sticky sessions by client address for a node:cluster, as `sticky-session` and a load balancer's IP hash
 * do it: the primary accepts every connection itself, paused and unread, and hands its socket to the
 * worker that holds that address's clients, which serves it as if it had accepted it
 * (transports/start-cluster-worker.ts). Nothing is read in the primary, so nothing of a request can be lost
 * on the way; the price is that a client is pinned by its address, not by its id.
 *
 * Addresses go to workers in the order they are first seen, one worker each until every worker has one,
 * then round again: the suite gives a clustered point one source address per worker (bench/run/scale.ts),
 * so each worker gets one address's connections and no more than it can hold.
 */
import type { Worker } from 'node:cluster';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** The IPC message an adopted connection travels with, its socket as the message's handle. */
export interface StickyMessage {
  t: 'wb:sticky';
}

export const isStickyMessage = (m: unknown): m is StickyMessage => typeof m === 'object' && m !== null && (m as { t?: unknown }).t === 'wb:sticky';

export interface StickyBalancer {
  readonly port: number;
  close(): Promise<void>;
}

export async function listenSticky(workers: readonly Worker[], host: string): Promise<StickyBalancer> {
  const byAddress = new Map<string, Worker>();
  const workerFor = (address: string): Worker | undefined => {
    let worker = byAddress.get(address);
    if (worker === undefined && workers.length > 0) {
      const index = byAddress.size % workers.length;
      worker = workers[index];
      if (worker) byAddress.set(address, worker);
    }
    return worker;
  };
  const server: Server = createServer({ pauseOnConnect: true }, (socket: Socket) => {
    const worker = workerFor(socket.remoteAddress ?? '');
    if (!worker?.isConnected()) {
      socket.destroy();
      return;
    }
    // the handle moves to the worker; the primary's copy closes once it is sent (keepOpen false)
    worker.send({ t: 'wb:sticky' } satisfies StickyMessage, socket, (error: Error | null) => {
      if (error) socket.destroy();
    });
  });
  // a connection reset before it was handed over is the client's failure, seen there
  server.on('error', () => {});
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve((server.address() as AddressInfo).port));
  });
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
