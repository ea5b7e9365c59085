import type { ClientConnection } from '../../../clients/transport.ts';
import { FILES_SPARE } from '../../load/open-files.ts';
import type { LoadContext } from '../scenario.ts';

/** Connection attempts in flight at once per load process: a ramp, not a storm (that is `connect`). */
const OPEN_CONCURRENCY = 50;
const ignore = () => {};


/**
 * The connections one load process holds for `idle`, grown count by count. A connection that fails to
 * open is counted, not retried: the count held is what the figures divide by.
 */
export class IdlePool {
  readonly open: ClientConnection[] = [];
  failed = 0;

  constructor(private readonly ctx: LoadContext) {}

  /** Opens connections until `target` are held (or have failed), OPEN_CONCURRENCY at a time. */
  async growTo(target: number): Promise<void> {
    let next = this.open.length + this.failed;
    const worker = async () => {
      while (next < target) {
        next++;
        await this.ctx.connect(ignore).then(
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
