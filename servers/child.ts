/**
 * The server process: starts one named transport on 127.0.0.1 port 0, reports its port over IPC and
 * answers stats, reset and stop. Usage (by the orchestrator): fork('servers/child.ts', [transport]).
 */
import type { FromServer, ServerStats, ToServer } from '../protocol/control.ts';
import { nowUs } from '../protocol/envelope.ts';
import { LoopMonitor } from '../protocol/loop-monitor.ts';
import { performance } from 'node:perf_hooks';
import { startServer, type RunningServer } from './listen.ts';

function send(message: FromServer): void {
  process.send?.(message);
}

const loop = new LoopMonitor();

/** Reads everything at once; the event-loop delay figures cover the time since the previous read. */
function stats(server: RunningServer): ServerStats {
  const bytes = server.meter.read();
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  const elu = performance.eventLoopUtilization();
  const delay = loop.take();
  return {
    ...bytes,
    messagesIn: server.hub.messagesIn,
    messagesOut: server.hub.messagesOut,
    cpuUserUs: cpu.user,
    cpuSystemUs: cpu.system,
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    loopActiveMs: elu.active,
    loopIdleMs: elu.idle,
    loopDelayP99Us: delay.p99Us,
    loopDelayMaxUs: delay.maxUs,
    atUs: nowUs(),
  };
}

async function main(): Promise<void> {
  const [name = '', host] = process.argv.slice(2);
  const server = await startServer(name, host);
  process.on('message', async (message: ToServer) => {
    switch (message.t) {
      case 'wb:stats':
        return send({ t: 'wb:stats', id: message.id, stats: stats(server) });
      case 'wb:reset':
        server.meter.reset();
        server.hub.messagesIn = 0;
        server.hub.messagesOut = 0;
        return send({ t: 'wb:reset', id: message.id });
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
