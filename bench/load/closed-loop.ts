import type { ClientConnection } from '../../clients/transport.ts';
import type { Delivery } from '../../protocol/control.ts';
import { MESSAGE_KINDS, nowUs, seqOf } from '../../protocol/envelope.ts';
import type { PayloadKind } from '../../protocol/payload.ts';
import { messageSender, type MessageSender } from './message-sender.ts';
import { recordUs, type Histogram } from '../stats/histogram.ts';
import { DeliveryCounter, NO_DELIVERY } from './delivery-counter.ts';

export interface ClosedLoopOptions {
  sender: string;
  payloadBytes: number;
  /** absent: padding */
  payloadKind?: PayloadKind | undefined;
  replyTimeoutMs: number;
}

/** One call of run(): how many round trips, until when, into which histogram. */
interface Run {
  count: number;
  sent: number;
  deadlineUs: number;
  histogram: Histogram | undefined;
  resolve: (delivery: Delivery) => void;
}

/**
 * One connection's closed loop: send one echo, wait for it, send the next. Driven by the connection's
 * own callback, with no promise and no object per round trip (the next message leaves from inside the
 * reply's callback) and one clock read per event, so that the loop costs the load process as little as
 * a hand-written client would: with a promise per round trip, this loop added about 10 µs to tcp's round
 * trip here. Warm-up round trips take the numbers before the measured ones, so a late warm-up reply is
 * never mistaken for a measured one.
 */
export class ClosedLoop {
  #conn: ClientConnection | undefined;
  #seq = 0;
  /** the number of the message in flight, and when it left */
  #waiting = -1;
  #sentUs = 0;
  #run: Run | undefined;
  #measured: DeliveryCounter | undefined;
  #firstMeasured = 0;

  readonly #send: MessageSender;

  constructor(private readonly options: ClosedLoopOptions) {
    this.#send = messageSender(options.payloadKind);
  }

  async open(connect: (onMessage: (text: string) => void) => Promise<ClientConnection>): Promise<void> {
    this.#conn = await connect((text) => this.#onMessage(text));
  }

  #onMessage(text: string): void {
    const seq = seqOf(text);
    if (this.#measured && seq >= this.#firstMeasured) this.#measured.record(seq - this.#firstMeasured);
    if (seq !== this.#waiting || seq < 0) return;
    const atUs = nowUs();
    this.#waiting = -1;
    const run = this.#run;
    if (run?.histogram) recordUs(run.histogram, atUs - this.#sentUs);
    this.#next(atUs);
  }

  /** Sends the next message of the run, or ends it when its count is done or its time is up. */
  #next(atUs: number): void {
    const run = this.#run;
    if (!run) return;
    if (run.sent >= run.count || atUs >= run.deadlineUs) {
      this.#run = undefined;
      run.resolve(this.#measured?.result(run.sent) ?? NO_DELIVERY);
      return;
    }
    run.sent++;
    const seq = this.#seq++;
    const sentUs = nowUs();
    this.#waiting = seq;
    this.#sentUs = sentUs;
    this.#send(this.#conn, { kind: MESSAGE_KINDS.echo, sender: this.options.sender, seq, sentUs }, this.options.payloadBytes);
  }

  /**
   * Runs `count` round trips, or as many as fit in `maxMs`, whichever ends first (a slow transport such
   * as short polling would otherwise hold a run for minutes); records latency when given a histogram.
   * A reply not back within replyTimeoutMs counts as lost and the loop goes on.
   */
  run(count: number, maxMs: number, histogram?: Histogram): Promise<Delivery> {
    if (!this.#conn) return Promise.reject(new Error('closed loop not open'));
    if (histogram) {
      this.#firstMeasured = this.#seq;
      this.#measured = new DeliveryCounter(count);
    }
    const { replyTimeoutMs } = this.options;
    return new Promise<Delivery>((resolve) => {
      // one watchdog per run rather than a timer per message: the loop is the hot path
      const watchdog = setInterval(() => {
        const now = nowUs();
        if (this.#waiting >= 0 && now - this.#sentUs > replyTimeoutMs * 1000) {
          this.#waiting = -1; // given up: its echo, if it ever comes, is counted but ends nothing
          this.#next(now);
        }
      }, Math.max(10, replyTimeoutMs / 4));
      this.#run = {
        count,
        sent: 0,
        deadlineUs: nowUs() + maxMs * 1000,
        histogram,
        resolve: (delivery) => {
          clearInterval(watchdog);
          resolve(delivery);
        },
      };
      this.#next(nowUs());
    });
  }

  /** round trips sent so far, warm-up included */
  get sent(): number {
    return this.#seq;
  }

  close(): Promise<void> {
    return this.#conn?.close() ?? Promise.resolve();
  }
}
