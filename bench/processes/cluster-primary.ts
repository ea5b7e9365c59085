/**
 * The server process as a node:cluster primary, for a point whose connections one process cannot hold
 * under its open-files limit: it forks the workers (each a server process of the same transport, all
 * listening on one port, which the primary hands connections to in turn; for a sticky transport the
 * primary accepts them itself and hands each to its client address's worker), passes every control request
 * of the orchestrator to all of them and answers with their replies combined (counters and memory
 * summed, its own memory included), and carries the suite's broadcast relay between them.
 */
import cluster, { type Worker } from 'node:cluster';
import type { FromServer, ServerStats, ToServer } from '../../protocol/control.ts';
import { isRelayMessage } from '../../servers/cluster-relay.ts';
import { transportNamed } from '../../transports/registry.ts';
import { combineReplies } from '../services/server-side.ts';
import { listenSticky } from './sticky-primary.ts';

/** Set by the orchestrator: this server process is a node:cluster primary of this many workers. */
export const CLUSTER_WORKERS_ENV = 'WIREBENCH_CLUSTER_WORKERS';
/**
 * How long the workers may take to start (each loads its transport's library on the server's one
 * core), and a control request in them (a forced GC) to answer: the orchestrator's own bound is the one that counts.
 */
const WORKER_MS = 15_000;
const REQUEST_MS = 60_000;

export function clusterWorkersWanted(): number {
  const n = Number(process.env[CLUSTER_WORKERS_ENV]);
  return cluster.isPrimary && Number.isInteger(n) && n > 0 ? n : 0;
}

type Reply = FromServer & { id?: number };

/** The next message of this type (and id) from a worker; rejects if it exits first or takes too long. */
function replyOf(worker: Worker, t: string, id: number | undefined, timeoutMs: number): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Reply) => {
      if (m.t === 'wb:fatal') done(() => reject(new Error(`worker ${worker.id}: ${m.message}`)));
      else if (m.t === t && m.id === id) done(() => resolve(m));
    };
    const onExit = (code: number | null) => done(() => reject(new Error(`worker ${worker.id} exited with code ${code ?? '?'}`)));
    const timer = setTimeout(() => done(() => reject(new Error(`worker ${worker.id}: no '${t}' within ${timeoutMs} ms`))), timeoutMs);
    const done = (settle: () => void) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      settle();
    };
    worker.on('message', onMessage);
    worker.once('exit', onExit);
  });
}

/** The primary's own memory, added to the workers': the cluster's cost is every process's. */
function withPrimaryMemory(reply: Reply): Reply {
  if (reply.t !== 'wb:stats') return reply;
  const own = process.memoryUsage();
  const stats: ServerStats = { ...reply.stats, rssBytes: reply.stats.rssBytes + own.rss, heapUsedBytes: reply.stats.heapUsedBytes + own.heapUsed };
  return { ...reply, stats };
}

export async function runPrimary(name: string, count: number, send: (m: FromServer) => void, host = '127.0.0.1'): Promise<void> {
  const shape = transportNamed(name).nodeCluster;
  // socket.io's cluster adapter: its primary side forwards the adapter's packets between the workers
  await shape?.primary?.();
  const workers = Array.from({ length: count }, () => cluster.fork());
  let stopping = false;
  for (const worker of workers) {
    worker.on('message', (m: unknown) => {
      if (!isRelayMessage(m)) return;
      for (const other of workers) if (other !== worker && other.isConnected()) other.send(m);
    });
    // a worker that dies takes its connections with it: the point fails rather than measure a part
    worker.once('exit', (code) => {
      if (stopping) return;
      process.stderr.write(`cluster worker ${worker.id} exited with code ${code ?? '?'}\n`);
      process.exit(1);
    });
  }
  const ready = await Promise.all(workers.map((w) => replyOf(w, 'wb:ready', undefined, WORKER_MS * (count + 1))));
  // sticky sessions: the primary takes the connections and hands each to its address's worker
  const sticky = shape?.sticky === 'source-address' ? await listenSticky(workers, host) : undefined;
  const port = sticky?.port ?? (ready[0]?.t === 'wb:ready' ? ready[0].port : 0);
  process.on('message', (message: ToServer) => {
    if (message.t === 'wb:stop') stopping = true;
    const replies = workers.map((w) => {
      const reply = replyOf(w, message.t, message.id, REQUEST_MS);
      w.send(message);
      return reply;
    });
    Promise.all(replies).then(
      (all) => send(withPrimaryMemory(combineReplies(all))),
      (error: unknown) => send({ t: 'wb:fatal', message: (error as Error).message }),
    );
  });
  // the orchestrator is gone: the workers go with the primary (each exits when its channel closes)
  process.on('disconnect', () => {
    stopping = true;
    for (const w of workers) w.kill();
    process.exit(0);
  });
  send({ t: 'wb:ready', port, workerPids: workers.flatMap((w) => (w.process.pid === undefined ? [] : [w.process.pid])) });
}
