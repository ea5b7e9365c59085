import type { ServerStats } from '../protocol/control.ts';
import { nowUs } from '../protocol/envelope.ts';
import { LoopMonitor } from '../protocol/loop-monitor.ts';
import { runQueueWaitUs } from '../protocol/run-queue.ts';
import { performance } from 'node:perf_hooks';
import type { RunningServer } from './listen.ts';

/**
 * A reader of a running server's stats, for whoever asks for them (the server child over IPC, the stats
 * endpoint of `npm run serve` over HTTP). Reads everything at once; the event-loop delay figures cover
 * the time since the previous read.
 */
export function statsReader(server: RunningServer): () => ServerStats {
  const loop = new LoopMonitor();
  return () => {
    const bytes = server.meter.read();
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    const elu = performance.eventLoopUtilization();
    const delay = loop.take();
    const waited = runQueueWaitUs();
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
      ...(waited === undefined ? {} : { runQueueWaitUs: waited }),
      atUs: nowUs(),
    };
  };
}
