/**
 * Control messages between the orchestrator and its children, over the child-process IPC channel
 * only, so that nothing but the measured traffic ever crosses a measured socket. Every type is
 * namespaced `wb:` so that no other IPC user can be mistaken for us.
 */

/** What a server process reports about itself; counters are cumulative since the last reset. */
export interface ServerStats {
  bytesRead: number;
  bytesWritten: number;
  connectionsAccepted: number;
  connectionsOpen: number;
  messagesIn: number;
  messagesOut: number;
  /** process CPU time, microseconds */
  cpuUserUs: number;
  cpuSystemUs: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** monotonic time the stats were read, microseconds */
  atUs: number;
}

export type ToServer = { t: 'wb:stats'; id: number } | { t: 'wb:reset'; id: number } | { t: 'wb:stop'; id: number };

export type FromServer =
  | { t: 'wb:ready'; port: number }
  | { t: 'wb:stats'; id: number; stats: ServerStats }
  | { t: 'wb:reset'; id: number }
  | { t: 'wb:stop'; id: number }
  | { t: 'wb:fatal'; message: string };

/** One measured point as a load process runs it. */
export interface LoadJob {
  transport: string;
  scenario: string;
  host: string;
  port: number;
  payloadBytes: number;
  connections: number;
  /** measured messages (per connection for closed loop) */
  messages: number;
  /** round trips made and discarded before measuring */
  warmup: number;
  /** how long one reply may take before the message counts as lost */
  replyTimeoutMs: number;
}

/** Counted delivery, in every scenario. */
export interface Delivery {
  sent: number;
  delivered: number;
  lost: number;
  duplicated: number;
  reordered: number;
}

export interface LoadResult {
  /** HDR histograms, compressed base64, by name (e.g. `rtt`), values in microseconds */
  histograms: Record<string, string>;
  delivery: Delivery;
  /** wall time of the measured window, microseconds */
  elapsedUs: number;
  /** load-process CPU time during the measured window, microseconds */
  cpuUs: number;
}

export type ToLoad = { t: 'wb:run'; job: LoadJob } | { t: 'wb:marked'; id: number };

export type FromLoad =
  /** the load process asks the orchestrator to read the server's stats at this point of the scenario */
  | { t: 'wb:mark'; id: number; name: string }
  | { t: 'wb:result'; result: LoadResult }
  | { t: 'wb:fatal'; message: string };
