import type { CapturedWindow, FromServer, ServerStats, ToServer } from '../../protocol/control.ts';
import { unionPackages } from '../processes/loaded-packages.ts';

/**
 * The server end of a point, as the orchestrator drives it: one process, a cluster of processes with
 * their services (ServerGroup), or a server started elsewhere (RemoteTarget). Requests go to every
 * process, and their replies are combined into one, so a mark reads the whole server side.
 */
export interface ServerSide {
  /** starts (or reaches) the servers; resolves with where the load connects */
  /** where to connect; and the pids of the processes serving, where they run on this machine under the suite */
  start(timeoutMs: number): Promise<{ host: string; ports: number[]; pids?: number[] }>;
  request<T extends FromServer>(message: { t: ToServer['t'] }, timeoutMs: number): Promise<T>;
  /** settles when a server process dies before stop() (never for a remote target) */
  readonly exited: Promise<unknown>;
  /** false for a server the user wrote: it answers no stats, so marks read nothing (the load counts bytes itself) */
  readonly readsStats?: false;
  describeExit(): string;
  stop(): Promise<void>;
}

/** Several processes' stats as one server's: counters and levels add, delays (and waits for a core) take the worst. */
export function sumStats(all: readonly ServerStats[]): ServerStats {
  const [first, ...rest] = all;
  if (!first) throw new Error('no server stats to add');
  const sum = { ...first };
  for (const s of rest) {
    for (const key of Object.keys(sum) as (keyof ServerStats)[]) {
      if (key === 'runQueueWaitUs') {
        if (sum.runQueueWaitUs !== undefined && s.runQueueWaitUs !== undefined) sum.runQueueWaitUs = Math.max(sum.runQueueWaitUs, s.runQueueWaitUs);
        else delete sum.runQueueWaitUs; // unknown in one process: unknown for the server
      } else if (key === 'loopDelayP99Us' || key === 'loopDelayMaxUs' || key === 'atUs') sum[key] = Math.max(sum[key], s[key]);
      else sum[key] += s[key];
    }
  }
  return sum;
}

/** Several processes' capture windows as one: the sockets of each process numbered on from the last. */
function joinCaptures(all: readonly CapturedWindow[]): CapturedWindow {
  let offset = 0;
  const sockets = all.flatMap((w) => {
    const renumbered = w.sockets.map((s) => ({ ...s, socket: s.socket + offset }));
    offset += w.sockets.length;
    return renumbered;
  });
  const counted = { bytesRead: 0, bytesWritten: 0 };
  for (const w of all) {
    counted.bytesRead += w.counted.bytesRead;
    counted.bytesWritten += w.counted.bytesWritten;
  }
  return { sockets, counted };
}

/** The replies of every process to one request, as one reply. */
export function combineReplies<T extends FromServer>(replies: readonly T[]): T {
  const [first] = replies;
  if (!first) throw new Error('no server replied');
  if (replies.length === 1) return first;
  if (first.t === 'wb:stats') {
    const stats = sumStats(replies.map((r) => (r as Extract<FromServer, { t: 'wb:stats' }>).stats));
    return { ...first, stats };
  }
  if (first.t === 'wb:modules') {
    const packages = unionPackages(replies.map((r) => (r as Extract<FromServer, { t: 'wb:modules' }>).packages));
    return { ...first, packages };
  }
  if (first.t === 'wb:capture-stop') {
    const window = joinCaptures(replies.map((r) => (r as Extract<FromServer, { t: 'wb:capture-stop' }>).window));
    return { ...first, window };
  }
  return first;
}
