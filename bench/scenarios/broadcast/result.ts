/** One step of a broadcast search: one broadcast rate, for stepS seconds. */
export interface BroadcastStep {
  /** broadcasts a second from the one sender */
  rate: number;
  broadcasts: number;
  /** deliveries expected (broadcasts × room) and made before the drain ended; duplicates and reorders seen */
  expected: number;
  delivered: number;
  duplicated: number;
  reordered: number;
  /** per broadcast, the latency to the last member that got it, an encoded HDR histogram in µs */
  last: string;
  /** how far behind its schedule the sender's last broadcast left, µs */
  lagUs: number;
  /** from the first broadcast to the last arrival, µs */
  elapsedUs: number;
  /** the load process's CPU time and wall time over the step, µs */
  loadCpuUs: number;
  wallUs: number;
  /** how long the load process waited for a core over the step (protocol/run-queue.ts), µs; absent where unknown */
  runQueueWaitUs?: number;
  /** the same for the server process that waited most, read by pid (LoadJob.serverPids); absent where unknown */
  serverRunQueueWaitUs?: number;
  /** the most time the hypervisor took any one CPU away over the step (/proc/stat steal, whole 10 ms ticks), µs; absent where unknown */
  stealUs?: number;
  /** CPU time the machine's other processes (not the load process, not the servers) used over the step, µs; absent where unknown */
  foreignCpuUs?: number;
  /** attempts thrown away because the machine stalled the load process (load/stall.ts), before this one */
  stalls?: number;
  /** the first attempt, when the search's first step failed and was run once more (load.ts) */
  first?: { delivered: number; lastP99Us: number };
  /** this attempt stalled too: the step tells nothing of the transport, and the search ended on it */
  stalled?: boolean;
  passed: boolean;
}

export interface BroadcastSearch {
  room: number;
  /** rounds a second (every member got the broadcast) the closed-loop warm-up reached; absent without one */
  warmupPerS?: number;
  steps: BroadcastStep[];
}

export interface BroadcastData {
  searches: BroadcastSearch[];
}
