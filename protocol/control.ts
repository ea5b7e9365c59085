/**
 * Control messages between the orchestrator and its children, over the child-process IPC channel
 * only, so that nothing but the measured traffic ever crosses a measured socket. Every type is
 * namespaced `wb:` so that no other IPC user can be mistaken for us.
 */
import type { PayloadKind } from './payload.ts';

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
  /** cumulative event-loop time, ms (performance.eventLoopUtilization): utilisation = Δactive / (Δactive + Δidle) */
  loopActiveMs: number;
  loopIdleMs: number;
  /** event-loop delay p99 and max since the previous stats read, microseconds */
  loopDelayP99Us: number;
  loopDelayMaxUs: number;
  /** cumulative time the server's JS thread waited for a core, runnable (protocol/run-queue.ts), µs; absent where unknown */
  runQueueWaitUs?: number;
  /** monotonic time the stats were read, microseconds */
  atUs: number;
}

/** One socket's capture (servers/byte-meter.ts SocketCapture) as IPC carries it: the bytes as base64. */
export interface EncodedCapture {
  socket: number;
  read: string;
  written: string;
  bytesRead: number;
  bytesWritten: number;
}

/**
 * A capture window as the server saw it: every socket's first bytes, and the byte meter's own count over
 * the same window (read in the same ticks as the window opened and closed), to check the captures against.
 */
export interface CapturedWindow {
  sockets: EncodedCapture[];
  counted: { bytesRead: number; bytesWritten: number };
}

export type CaptureAction = 'start' | 'stop';

export type ToServer =
  | { t: 'wb:stats'; id: number }
  | { t: 'wb:reset'; id: number }
  | { t: 'wb:stop'; id: number }
  /** opens a capture window (for attributing bytes to parts: slows HTTP parsing, so never timed) */
  | { t: 'wb:capture-start'; id: number }
  | { t: 'wb:capture-stop'; id: number }
  /** collect garbage now (the server runs with --expose-gc), so that memory read next is live memory */
  | { t: 'wb:gc'; id: number }
  /** which packages (and versions) this server process has loaded, for the run's environment */
  | { t: 'wb:modules'; id: number };

export type FromServer =
  /** workerPids: a node:cluster primary's workers, which serve the connections (their CPU and waits are the server's) */
  | { t: 'wb:ready'; port: number; workerPids?: number[] }
  | { t: 'wb:stats'; id: number; stats: ServerStats }
  | { t: 'wb:reset'; id: number }
  | { t: 'wb:stop'; id: number }
  | { t: 'wb:capture-start'; id: number }
  | { t: 'wb:capture-stop'; id: number; window: CapturedWindow }
  | { t: 'wb:gc'; id: number }
  | { t: 'wb:modules'; id: number; packages: Record<string, string[]> }
  | { t: 'wb:fatal'; message: string; stack?: string };

/** One measured point as a load process runs it. */
export interface LoadJob {
  transport: string;
  scenario: string;
  /** who loads it: the transport's Node client, or real Chromium (bench/browser); absent (older runs): node */
  client?: 'node' | 'browser';
  host: string;
  port: number;
  /**
   * every server process's port, when the server side is several processes (a Redis-backed cluster, or
   * several remote targets): connections are spread over them in turn. Absent: `port` alone.
   */
  ports?: number[];
  /**
   * source addresses the load's connections leave from (127.0.0.2, …), at most `perSource` each, in the
   * order of the connections' numbers across the point's load processes; absent: the default source
   */
  sources?: { addresses: string[]; perSource: number };
  /** node:cluster workers of the server that this point's connections needed (absent: one server process) */
  serverWorkers?: number;
  /** where on the server, for a server the user wrote (--target URL; ClientOptions.path); absent: the suite's own */
  path?: string;
  /**
   * count the bytes of the load process's own sockets over the measured window (LoadResult.clientBytes):
   * for a server the user wrote, whose counters cannot be read
   */
  countClientBytes?: boolean;
  payloadBytes: number;
  /** what fills the messages the load sends (protocol/payload.ts); absent: padding */
  payloadKind?: PayloadKind;
  connections: number;
  /** closed loop: measured round trips per connection */
  messages: number;
  /** closed loop: round trips per connection made and discarded before measuring */
  warmup: number;
  /** open loop: messages per second this load process offers over all its connections; absent for closed loop */
  ratePerS?: number;
  /**
   * open loop: seconds measured, after warmupS seconds at the same rate that are discarded;
   * closed loop: the most the measured (and warm-up) round trips may take, so every loop ends in time
   */
  durationS: number;
  warmupS: number;
  /** the scenario's own sizes for this run (its profile's, or what the flags made of them); the scenario types them */
  sizes: unknown;
  /** which of the point's load processes this is (0-based), and how many there are */
  worker: number;
  workers: number;
  /** how long one reply may take before the message counts as lost */
  replyTimeoutMs: number;
  /** the latency bound of the searches for a limit (throughput, broadcast): a step passes while its p99 stays under it */
  p99BoundUs: number;
  /**
   * a plain node:net echo server (bench/calibration) to time in slices inside the measured window:
   * the machine's speed at the moment of the window (ci profile)
   */
  yardstickPort?: number;
  /**
   * the server processes' pids, when the suite started them on this machine: the capacity searches read
   * their run-queue waits around each step (protocol/run-queue.ts), so that a step the machine stalled
   * on the server's side is told from the transport's limit as one stalled on the load's side is
   */
  serverPids?: number[];
  /**
   * the point's other processes besides its servers (every load process, the yardstick's server): their
   * CPU time is the point's own, so that the CPU of other work is told apart (protocol/run-queue.ts)
   */
  pointPids?: number[];
}

/** Counted delivery, in every scenario that moves messages. */
export interface Delivery {
  sent: number;
  delivered: number;
  lost: number;
  duplicated: number;
  reordered: number;
}

/** How hard the load process itself worked during the measured window: is it, not the server, the limit? */
export interface LoadHealth {
  /** wall time of the measured window (from the `start` mark to the `end` mark), microseconds */
  elapsedUs: number;
  /** load-process CPU time in the window, microseconds */
  cpuUs: number;
  loopDelayP99Us: number;
  loopDelayMaxUs: number;
  /** how long the load process's JS thread waited for a core in the window (protocol/run-queue.ts), µs; absent where unknown */
  runQueueWaitUs?: number;
  /** CPU time the machine's other processes (none of the point's) used in the window, µs; absent where unknown */
  foreignCpuUs?: number;
}

/** An open loop's keeping of its schedule: is the load process, not the server, the limit? */
export interface Schedule {
  /**
   * how far behind its schedule the last send left, µs. Jitter makes single sends late; a sender that
   * cannot keep the rate falls further behind with every message, and ends far behind.
   */
  lagUs: number;
  /** sends that left later than scheduled by more than the late-send threshold (bench/load/health.ts) */
  lateSends: number;
}

/** What a load process (or several, merged) measured of one point. */
export interface LoadResult<Data = unknown> {
  /** the scenario's own result, typed by the scenario (bench/scenarios/<name>/) */
  data: Data;
  /**
   * absent: the scenario moves no messages (micro times framing inside the load process), so there is
   * nothing to count, which is not the same as a delivery of 0 of 0
   */
  delivery?: Delivery;
  /** open loop only */
  schedule?: Schedule;
  /** filled by the load process around the scenario's `start` and `end` marks */
  health: LoadHealth;
  /** with job.yardstickPort: the plain ping-pong timed in slices inside the measured window */
  yardstick?: Yardstick;
  /** the packages (name -> versions) the load process had loaded by the end: what the client really ran */
  packages?: Record<string, string[]>;
  /** with job.countClientBytes: bytes the load's sockets sent (up) and received (down) from the `start` to the `end` mark */
  clientBytes?: { up: number; down: number };
}

/**
 * The machine's yardstick around one point (see bench/load/yardstick.ts). Runs of the first version
 * timed it only just before and just after the window: `beforeP50Us` and `afterP50Us`, no `p50Us`.
 */
export interface Yardstick {
  /** p50 of every timed round trip of every slice */
  p50Us?: number;
  /** timed round trips in all (in each bracket, for the first version) */
  count: number;
  /** how many slices they were timed in */
  slices?: number;
  beforeP50Us?: number;
  afterP50Us?: number;
}

export type ToLoad = { t: 'wb:run'; job: LoadJob } | { t: 'wb:marked'; id: number };

export type FromLoad =
  /** the load process asks the orchestrator to read the server's stats at this point of the scenario */
  | { t: 'wb:mark'; id: number; name: string; /** collect the server's garbage before reading */ gc?: boolean }
  /** the load process asks for a capture window on the server to open or close (answered by `wb:marked`) */
  | { t: 'wb:capture'; id: number; name: string; action: CaptureAction }
  /**
   * a control round trip that keeps nothing: the server's stats read and dropped, then `wb:marked` (no barrier):
   * the warm-up makes a few, so that the control message at the window's start meets a warm path (warm-up.ts)
   */
  | { t: 'wb:ping'; id: number }
  /**
   * what the scenario has measured so far (its data, as its result would hold it), sent after each part of
   * a long point: a point that fails or times out later keeps it (FailedPointRecord.partial)
   */
  | { t: 'wb:progress'; data: unknown }
  | { t: 'wb:result'; result: LoadResult }
  | { t: 'wb:fatal'; message: string; stack?: string };
