import type { ClientConnection } from '../../../clients/transport.ts';
import { MESSAGE_KINDS, encodePadded, minimumSize } from '../../../protocol/envelope.ts';
import type { Delivery } from '../../../protocol/control.ts';
import type { LoadContext } from '../scenario.ts';

const wireEnvelope = (seq: number) => ({ kind: MESSAGE_KINDS.echo, sender: 'w', seq, sentUs: 0 });

/** The envelope header of the wire scenario's message number `seq`: below this size a message is `e|` and padding. */
export const wireHeaderBytes = (seq: number) => minimumSize(wireEnvelope(seq));

/**
 * A message of exactly `size` bytes that the server echoes. The envelope when it fits; below its ~40 B
 * header, `e|` and padding: the kind alone is all the hub reads to echo a message, and nothing in the
 * wire scenario needs the sender, sequence or time, so a 16 B message really is 16 B on every transport.
 */
export function wireMessage(seq: number, size: number): string {
  const envelope = wireEnvelope(seq);
  if (size >= minimumSize(envelope)) return encodePadded(envelope, size);
  return `${MESSAGE_KINDS.echo}|`.padEnd(size, 'x');
}

/** One connection that sends a message and waits for its echo, one at a time: nothing else is in flight. */
export class EchoConnection {
  #conn: ClientConnection | undefined;
  #waiting: ((text: string) => void) | undefined;
  #seq = 0;
  readonly delivery: Delivery = { sent: 0, delivered: 0, lost: 0, duplicated: 0, reordered: 0 };

  constructor(private readonly replyTimeoutMs: number) {}

  async open(ctx: LoadContext): Promise<void> {
    this.#conn = await ctx.connect((text) => {
      const waiting = this.#waiting;
      this.#waiting = undefined;
      if (waiting) waiting(text);
      else this.delivery.duplicated++; // nothing was asked: an echo we did not expect
    });
  }

  /** Sends one message of `size` bytes and resolves once its echo is back (or counts it lost). */
  async exchange(size: number): Promise<void> {
    const text = wireMessage(this.#seq++, size);
    this.delivery.sent++;
    const echoed = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), this.replyTimeoutMs);
      this.#waiting = (reply) => {
        clearTimeout(timer);
        resolve(reply === text);
      };
      this.#conn?.send(text);
    });
    if (echoed) this.delivery.delivered++;
    else this.delivery.lost++;
  }

  async close(): Promise<void> {
    await this.#conn?.close();
  }
}
