import type { ClientConnection } from '../../../clients/transport.ts';
import { MESSAGE_KINDS, nowUs } from '../../../protocol/envelope.ts';
import { FILES_SPARE } from '../../load/open-files.ts';
import { messageSender } from '../../load/message-sender.ts';
import { withTimeout } from '../../load/with-timeout.ts';
import type { LoadContext } from '../scenario.ts';

/** Connection attempts in flight at once per load process: a ramp, not a storm (that is `connect`). */
const OPEN_CONCURRENCY = 50;
const ignore = () => {};
/** How long the first echo of a used connection may take before the connection counts as failed. */
const FIRST_ECHO_MS = 10_000;


/**
 * The connections one load process holds for `idle`, grown count by count. A connection that fails to
 * open is counted, not retried: the count held is what the figures divide by.
 */
export class IdlePool {
  readonly open: ClientConnection[] = [];
  failed = 0;

  /**
   * `used`: each connection makes one echo of the run's payload before it is held, so that what a
   * library builds on a connection's first message (permessage-deflate's zlib streams, made lazily) is
   * in the memory read; otherwise connections say nothing at all
   */
  constructor(
    private readonly ctx: LoadContext,
    private readonly used = false,
  ) {}

  async #open(): Promise<ClientConnection> {
    if (!this.used) return this.ctx.connect(ignore);
    let replied = () => {};
    const reply = new Promise<void>((resolve) => (replied = resolve));
    const conn = await this.ctx.connect(() => replied());
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

  /** Opens connections until `target` are held (or have failed), OPEN_CONCURRENCY at a time. */
  async growTo(target: number): Promise<void> {
    let next = this.open.length + this.failed;
    const worker = async () => {
      while (next < target) {
        next++;
        await this.#open().then(
          (c) => void this.open.push(c),
          () => void this.failed++,
        );
      }
    };
    await Promise.all(Array.from({ length: OPEN_CONCURRENCY }, worker));
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.open.splice(0).map((c) => c.close()));
  }
}

/**
 * The counts this transport can hold under the open-files limit: the server holds every connection's
 * sockets in one process. A count above that is lowered to it (and the figures say so), never refused.
 */
export function capCounts(counts: readonly number[], socketsPerConnection: number, filesLimit: number | undefined): number[] {
  const most = filesLimit === undefined ? Infinity : Math.floor((filesLimit - FILES_SPARE) / socketsPerConnection);
  return [...new Set(counts.map((c) => Math.min(c, most)))].filter((c) => c > 0).sort((a, b) => a - b);
}
