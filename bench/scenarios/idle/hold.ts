import type { ClientConnection } from '../../../clients/transport.ts';
import { MESSAGE_KINDS, kindOf, nowUs, sentUsOf, seqOf } from '../../../protocol/envelope.ts';
import { failureCause, noFailures, type FailureCounts } from '../../load/connect-failure.ts';
import { connectionsPerProcess } from '../../load/open-files.ts';
import { sleep } from '../../load/sleep.ts';
import type { TransportDescriptor } from '../../../transports/descriptor.ts';
import { messageSender } from '../../load/message-sender.ts';
import { withTimeout } from '../../load/with-timeout.ts';
import type { LoadContext } from '../scenario.ts';

/**
 * Connection attempts in flight at once over all of a point's load processes: a ramp, not a storm (that
 * is `connect`). Over all, not per process: with 6 load processes at 50 each, a starved machine (load
 * average 39, ~30 handshakes a second) kept 300 waiting and timed them out at 10 s by the hundred.
 */
const OPEN_CONCURRENCY = 50;
/** How long the first echo of a used connection may take before the connection counts as failed. */
const FIRST_ECHO_MS = 10_000;

/** One broadcast to every member at one count, as this load process saw it. */
export interface BroadcastRound {
  /** connections held when it was sent: every one should get it once */
  members: number;
  delivered: number;
  duplicated: number;
  /** from the envelope's send time (the host's one monotonic clock) to the first and the last arrival here, µs */
  firstUs: number;
  lastUs: number;
}

/**
 * The connections one load process holds for `idle`, grown count by count at a bounded rate. A
 * connection that fails to open is counted by its cause, not retried: the count held is what the figures
 * divide by. Every connection counts the broadcasts it gets, so a round can tell delivered from duplicated.
 */
export class IdlePool {
  readonly open: ClientConnection[] = [];
  failed = 0;
  readonly causes: FailureCounts = noFailures();
  #attempts = 0;
  /** broadcasts of the current round each attempt's connection got, by attempt number */
  #got = new Uint16Array(1024);
  /** 1 for an attempt whose connection opened in time: a late one's broadcasts are not a member's */
  #opened = new Uint8Array(1024);
  #round: { seq: number; delivered: number; duplicated: number; firstUs: number; lastUs: number; lastAtUs: number } | undefined;

  /**
   * @param ratePerS connection attempts this process starts a second at the most
   * @param used each connection makes one echo of the run's payload before it is held, so that what a
   * library builds on a connection's first message (permessage-deflate's zlib streams, made lazily) is
   * in the memory read; otherwise connections say nothing but what the scenario broadcasts
   */
  constructor(
    private readonly ctx: LoadContext,
    private readonly ratePerS: number,
    private readonly used = false,
  ) {}

  async #open(attempt: number): Promise<ClientConnection> {
    const receive = (text: string) => this.#receive(attempt, text);
    if (!this.used) return this.ctx.connect(receive);
    let replied: (() => void) | undefined;
    const reply = new Promise<void>((resolve) => (replied = resolve));
    // the first message is the echo; every later one is the scenario's
    const conn = await this.ctx.connect((text) => {
      if (replied) {
        replied();
        replied = undefined;
      } else receive(text);
    });
    const { payloadBytes, payloadKind } = this.ctx.job;
    messageSender(payloadKind)(conn, { kind: MESSAGE_KINDS.echo, sender: 'idle', seq: 0, sentUs: nowUs() }, payloadBytes);
    try {
      await withTimeout(reply, FIRST_ECHO_MS, `${this.ctx.job.transport} first echo`);
    } catch (error) {
      await conn.close();
      throw error;
    }
    return conn;
  }

  #receive(attempt: number, text: string): void {
    const round = this.#round;
    if (!round || this.#opened[attempt] !== 1 || kindOf(text) !== MESSAGE_KINDS.broadcast || seqOf(text) !== round.seq) return;
    const got = ++this.#got[attempt]!;
    if (got > 1) return void round.duplicated++;
    const at = nowUs();
    const latency = at - sentUsOf(text);
    if (round.delivered++ === 0) round.firstUs = latency;
    round.lastUs = Math.max(round.lastUs, latency);
    round.lastAtUs = at;
  }

  /**
   * Opens connections until `target` are held (or have failed), OPEN_CONCURRENCY at a time, at most
   * ratePerS a second; no attempt starts after `untilMs` (performance.now()).
   */
  async growTo(target: number, untilMs = Infinity): Promise<void> {
    if (this.#got.length < target) {
      const grown = new Uint16Array(target);
      grown.set(this.#got);
      this.#got = grown;
      const opened = new Uint8Array(target);
      opened.set(this.#opened);
      this.#opened = opened;
    }
    const intervalMs = 1000 / this.ratePerS;
    let nextAtMs = performance.now();
    const worker = async () => {
      while (this.#attempts < target && performance.now() < untilMs) {
        const attempt = this.#attempts++;
        const wait = nextAtMs - performance.now();
        nextAtMs = Math.max(nextAtMs, performance.now()) + intervalMs;
        if (wait > 0) await sleep(wait);
        await this.#open(attempt).then(
          (c) => {
            this.#opened[attempt] = 1;
            this.open.push(c);
          },
          (error: unknown) => {
            this.failed++;
            this.causes[failureCause(error)]++;
          },
        );
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.ceil(OPEN_CONCURRENCY / this.ctx.job.workers)) }, worker));
  }

  /** Starts counting broadcast `seq` (before it can be sent, so that no arrival is missed). */
  startRound(seq: number): void {
    this.#got.fill(0);
    this.#round = { seq, delivered: 0, duplicated: 0, firstUs: 0, lastUs: 0, lastAtUs: nowUs() };
  }

  /**
   * Resolves when every held connection has the broadcast, or nothing more arrived for `quietMs` after
   * the first arrival (what is missing then is lost), or after `capMs` whatever happens. The quiet spell
   * starts at the first arrival: a server busy with thousands of polls got its first copy out 3.7 s after
   * the send (polling at 5,000 here), and a spell counted from the send called all of them lost at 7,100.
   */
  async endRound(quietMs: number, capMs: number): Promise<BroadcastRound> {
    const round = this.#round;
    const members = this.open.length;
    if (!round) return { members, delivered: 0, duplicated: 0, firstUs: 0, lastUs: 0 };
    const startedUs = nowUs();
    while (round.delivered < members && (round.delivered === 0 || nowUs() - round.lastAtUs < quietMs * 1000) && nowUs() - startedUs < capMs * 1000) await sleep(10);
    this.#round = undefined;
    return { members, delivered: round.delivered, duplicated: round.duplicated, firstUs: round.firstUs, lastUs: round.lastUs };
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.open.splice(0).map((c) => c.close()));
  }
}

/**
 * The counts this transport can hold under the open-files limit: a server without a cluster holds
 * every connection's sockets in one process; one with a node:cluster grows as the point needs (the
 * orchestrator sizes it). A count above that is lowered to it (and the figures say so), never refused.
 */
export function capCounts(counts: readonly number[], transport: Pick<TransportDescriptor, 'socketsPerConnection' | 'nodeCluster'>, filesLimit: number | undefined): number[] {
  const most = transport.nodeCluster ? Infinity : connectionsPerProcess(transport.socketsPerConnection, filesLimit);
  return [...new Set(counts.map((c) => Math.min(c, most)))].filter((c) => c > 0).sort((a, b) => a - b);
}
