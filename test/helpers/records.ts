import type { LoadJob, ServerStats } from '../../protocol/control.ts';

/** Server stats with every counter at zero but those given: marks for figures derived by hand. */
export function statsAt(values: Partial<ServerStats>): ServerStats {
  return {
    bytesRead: 0,
    bytesWritten: 0,
    connectionsAccepted: 0,
    connectionsOpen: 0,
    messagesIn: 0,
    messagesOut: 0,
    cpuUserUs: 0,
    cpuSystemUs: 0,
    rssBytes: 0,
    heapUsedBytes: 0,
    loopActiveMs: 0,
    loopIdleMs: 0,
    loopDelayP99Us: 0,
    loopDelayMaxUs: 0,
    atUs: 0,
    ...values,
  };
}

/** A job of one load process on one connection, with what the test needs changed. */
export function jobOf(scenario: string, values: Partial<LoadJob> = {}): LoadJob {
  return {
    transport: 'ws',
    scenario,
    host: '127.0.0.1',
    port: 1,
    payloadBytes: 64,
    connections: 1,
    messages: 1,
    warmup: 0,
    durationS: 1,
    warmupS: 0,
    sizes: {},
    worker: 0,
    workers: 1,
    replyTimeoutMs: 1000,
    p99BoundUs: 10_000,
    ...values,
  };
}
