import { nowUs, seqOf } from '../../../protocol/envelope.ts';

export { seqOf };
import { DeliveryCounter } from '../../load/delivery-counter.ts';

/** What one receiver of the churn broadcasts saw, around the drop if it was dropped. */
export class ChurnReceiver {
  /** every broadcast counted as any numbered stream is: delivered, duplicated, reordered */
  readonly #counter: DeliveryCounter;
  droppedAtUs: number | undefined;
  /** the highest number received before the drop: the gap starts after it */
  highestAtDrop = -1;
  reconnectedAtUs: number | undefined;

  /** how many broadcasts there are: the planned count, until the broadcast ends early (endAt) */
  expected: number;

  constructor(planned: number) {
    this.expected = planned;
    this.#counter = new DeliveryCounter(planned);
  }

  get delivered(): number {
    return this.#counter.delivered;
  }

  get duplicated(): number {
    return this.#counter.duplicated;
  }

  get reordered(): number {
    return this.#counter.reordered;
  }

  /** The broadcast ended after `sent` messages, short of the planned count. */
  endAt(sent: number): void {
    this.expected = Math.min(this.expected, sent);
  }

  readonly onMessage = (text: string): void => {
    const seq = seqOf(text);
    // a number beyond the broadcast's end was never sent: nothing of the stream
    if (seq < 0 || seq >= this.expected) return;
    this.#counter.record(seq);
  };

  readonly onReconnect = (): void => {
    this.reconnectedAtUs ??= nowUs();
  };

  dropped(): void {
    this.droppedAtUs = nowUs();
    this.highestAtDrop = this.#counter.highest;
  }

  /**
   * The gap: every number after the last one received before the drop, up to (not including) the first
   * sent after the connection was back (`resumedSeq`, all of them if it never came back). Recovered are
   * those that arrived anyway (replayed, or queued for the client by the server); lost those that did not.
   */
  gap(resumedSeq: number): { messages: number; recovered: number } {
    let recovered = 0;
    const end = Math.min(this.expected, resumedSeq);
    for (let seq = this.highestAtDrop + 1; seq < end; seq++) if (this.#counter.has(seq)) recovered++;
    return { messages: Math.max(0, end - this.highestAtDrop - 1), recovered };
  }

  get complete(): boolean {
    return this.#counter.highest === this.expected - 1;
  }
}
