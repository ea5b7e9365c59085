import type { ClientConnection } from '../../clients/transport.ts';
import type { Delivery } from '../../protocol/control.ts';
import { MESSAGE_KINDS, decode, encodePadded, nowUs } from '../../protocol/envelope.ts';
import { DeliveryCounter, NO_DELIVERY } from './delivery-counter.ts';
import { recordUs, type Histogram } from '../stats/histogram.ts';

export interface ClosedLoopOptions {
  sender: string;
  payloadBytes: number;
  replyTimeoutMs: number;
}

/**
 * One connection's closed loop: send one echo, wait for it, send the next. Warm-up round trips take
 * the numbers before the measured ones, so a late warm-up reply is never mistaken for a measured one.
 */
export class ClosedLoop {
  #conn: ClientConnection | undefined;
  #seq = 0;
  #waiting: { seq: number; sentUs: number; resolve: (atUs: number | undefined) => void } | undefined;
  #measured: DeliveryCounter | undefined;
  #firstMeasured = 0;

  constructor(private readonly options: ClosedLoopOptions) {}

  async open(connect: (onMessage: (text: string) => void) => Promise<ClientConnection>): Promise<void> {
    this.#conn = await connect((text) => this.#onMessage(text));
  }

  #onMessage(text: string): void {
    const seq = decode(text)?.seq ?? -1;
    if (this.#measured && seq >= this.#firstMeasured) this.#measured.record(seq - this.#firstMeasured);
    if (this.#waiting?.seq === seq) this.#waiting.resolve(nowUs());
  }

  /**
   * Runs `count` round trips, or as many as fit in `maxMs`, whichever ends first (a slow transport such
   * as short polling would otherwise hold a run for minutes); records latency when given a histogram.
   */
  async run(count: number, maxMs: number, histogram?: Histogram): Promise<Delivery> {
    const conn = this.#conn;
    if (!conn) throw new Error('closed loop not open');
    const { sender, payloadBytes, replyTimeoutMs } = this.options;
    if (histogram) {
      this.#firstMeasured = this.#seq;
      this.#measured = new DeliveryCounter(count);
    }
    // one watchdog per loop rather than a timer per message: the loop is the hot path
    const watchdog = setInterval(() => {
      const w = this.#waiting;
      if (w && nowUs() - w.sentUs > replyTimeoutMs * 1000) w.resolve(undefined);
    }, Math.max(10, replyTimeoutMs / 4));
    const deadline = nowUs() + maxMs * 1000;
    let sent = 0;
    try {
      for (; sent < count && nowUs() < deadline; sent++) {
        const seq = this.#seq++;
        const sentUs = nowUs();
        const reply = new Promise<number | undefined>((resolve) => (this.#waiting = { seq, sentUs, resolve }));
        conn.send(encodePadded({ kind: MESSAGE_KINDS.echo, sender, seq, sentUs }, payloadBytes));
        const atUs = await reply;
        this.#waiting = undefined;
        if (atUs !== undefined && histogram) recordUs(histogram, atUs - sentUs);
      }
    } finally {
      clearInterval(watchdog);
    }
    return this.#measured?.result(sent) ?? NO_DELIVERY;
  }

  /** round trips sent so far, warm-up included */
  get sent(): number {
    return this.#seq;
  }

  close(): Promise<void> {
    return this.#conn?.close() ?? Promise.resolve();
  }
}
