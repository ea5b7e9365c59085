import { nowUs } from '../../protocol/envelope.ts';

const SEPARATOR = 124; // '|'

/** The sequence number of an envelope `k|sender|seq|...`, read in place: no parse object per message. */
export function seqOf(text: string): number {
  const a = text.indexOf('|', 2);
  let seq = 0;
  for (let i = a + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === SEPARATOR) return seq;
    seq = seq * 10 + (c - 48);
  }
  return -1;
}

/** What one receiver of the churn broadcasts saw, around the drop if it was dropped. */
export class ChurnReceiver {
  readonly #seen: Uint8Array;
  highest = -1;
  delivered = 0;
  duplicated = 0;
  reordered = 0;
  droppedAtUs: number | undefined;
  /** the highest number received before the drop: the gap starts after it */
  highestAtDrop = -1;
  reconnectedAtUs: number | undefined;

  /** how many broadcasts there are: the planned count, until the broadcast ends early (endAt) */
  expected: number;

  constructor(planned: number) {
    this.expected = planned;
    this.#seen = new Uint8Array(planned);
  }

  /** The broadcast ended after `sent` messages, short of the planned count. */
  endAt(sent: number): void {
    this.expected = Math.min(this.expected, sent);
  }

  readonly onMessage = (text: string): void => {
    const seq = seqOf(text);
    if (seq < 0 || seq >= this.expected) return;
    if (this.#seen[seq]) {
      this.duplicated++;
      return;
    }
    this.#seen[seq] = 1;
    this.delivered++;
    if (seq < this.highest) this.reordered++;
    else this.highest = seq;
  };

  readonly onReconnect = (): void => {
    this.reconnectedAtUs ??= nowUs();
  };

  dropped(): void {
    this.droppedAtUs = nowUs();
    this.highestAtDrop = this.highest;
  }

  /**
   * The gap: every number after the last one received before the drop, up to (not including) the first
   * sent after the connection was back (`resumedSeq`, all of them if it never came back). Recovered are
   * those that arrived anyway (replayed, or queued for the client by the server); lost those that did not.
   */
  gap(resumedSeq: number): { messages: number; recovered: number } {
    let recovered = 0;
    const end = Math.min(this.expected, resumedSeq);
    for (let seq = this.highestAtDrop + 1; seq < end; seq++) recovered += this.#seen[seq] ?? 0;
    return { messages: Math.max(0, end - this.highestAtDrop - 1), recovered };
  }

  get complete(): boolean {
    return this.highest === this.expected - 1;
  }
}
