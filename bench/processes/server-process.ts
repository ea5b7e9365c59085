/**
 * The server process: starts one named transport on 127.0.0.1 port 0, reports its port over IPC and
 * answers stats, reset and stop. As a node:cluster primary (cluster-primary.ts) it forks workers that
 * each run this file as a server, and speaks for them all. Usage (by the orchestrator): fork('bench/processes/server-process.ts', [transport]).
 */
import type { CapturedWindow, FromServer, ToServer } from '../../protocol/control.ts';
import type { RunningServer } from '../../servers/listen.ts';
import { startServer } from '../../transports/start.ts';
import { startClusterWorker } from '../../transports/start-cluster-worker.ts';
import { clusterWorkersWanted, runPrimary } from './cluster-primary.ts';
import cluster from 'node:cluster';
import { statsReader } from '../../servers/server-stats.ts';
import { ROOT } from './root.ts';
import { loadedPackages, recordImports } from './loaded-packages.ts';

function send(message: FromServer): void {
  process.send?.(message);
}

/** The meter's count when the open capture window opened, so its reply can say what the meter counted in it. */
let captureBaseline = { bytesRead: 0, bytesWritten: 0 };

function stopCapture(server: RunningServer): CapturedWindow {
  const now = server.meter.read();
  const sockets = server.meter.stopCapture().map((c) => ({ ...c, read: c.read.toString('base64'), written: c.written.toString('base64') }));
  const counted = { bytesRead: now.bytesRead - captureBaseline.bytesRead, bytesWritten: now.bytesWritten - captureBaseline.bytesWritten };
  return { sockets, counted };
}

/**
 * A full collection, twice: the second takes what the first only made collectable (finalizers, weak
 * references), so that heap and RSS read next are what live connections hold. Needs --expose-gc
 * on Node (the orchestrator starts the server with it); without it, memory is read as it stands.
 */
function collectGarbage(): void {
  // Bun has no --expose-gc: its collector is Bun.gc(true), synchronous, the same full collection
  const bun = (globalThis as { Bun?: { gc(force: boolean): void } }).Bun;
  const gc = (globalThis as { gc?: () => void }).gc ?? (bun ? () => bun.gc(true) : undefined);
  gc?.();
  gc?.();
}

async function main(): Promise<void> {
  const [name = '', host] = process.argv.slice(2);
  recordImports(ROOT);
  const workers = clusterWorkersWanted();
  if (workers > 0) return runPrimary(name, workers, send, host);
  // a node:cluster worker: the same server, with its broadcasts carried to the other workers
  const server = cluster.isWorker ? await startClusterWorker(name, host) : await startServer(name, host);
  const stats = statsReader(server);
  process.on('message', async (message: ToServer) => {
    switch (message.t) {
      case 'wb:stats':
        return send({ t: 'wb:stats', id: message.id, stats: stats() });
      case 'wb:reset':
        server.meter.reset();
        server.hub.messagesIn = 0;
        server.hub.messagesOut = 0;
        return send({ t: 'wb:reset', id: message.id });
      case 'wb:capture-start':
        captureBaseline = server.meter.read();
        server.meter.startCapture();
        return send({ t: 'wb:capture-start', id: message.id });
      case 'wb:capture-stop':
        return send({ t: 'wb:capture-stop', id: message.id, window: stopCapture(server) });
      case 'wb:gc':
        collectGarbage();
        return send({ t: 'wb:gc', id: message.id });
      case 'wb:modules':
        return send({ t: 'wb:modules', id: message.id, packages: loadedPackages() });
      case 'wb:stop':
        await server.close();
        send({ t: 'wb:stop', id: message.id });
        process.disconnect();
        return;
    }
  });
  // the orchestrator is gone: a server must never outlive it holding a port
  process.on('disconnect', () => process.exit(0));
  send({ t: 'wb:ready', port: server.port });
}

main().catch((error: unknown) => {
  send({ t: 'wb:fatal', message: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
  process.disconnect?.();
});
