import type { Delivery } from '../../protocol/control.ts';

/**
 * Counts what arrived of a numbered stream 0..expected-1: delivered (first arrival of each number),
 * duplicated (any later arrival), reordered (arrived after a higher number), lost (never arrived).
 */
export class DeliveryCounter {
  readonly #seen: Uint8Array;
  #highest = -1;
  delivered = 0;
  duplicated = 0;
  reordered = 0;
  /** arrivals whose number was outside the stream */
  stray = 0;

  constructor(readonly expected: number) {
    this.#seen = new Uint8Array(expected);
  }

  /** the highest number that has arrived, -1 before any */
  get highest(): number {
    return this.#highest;
  }

  /** Whether `seq` has arrived. */
  has(seq: number): boolean {
    return this.#seen[seq] === 1;
  }

  /** Records an arrival; true when it is the first arrival of that number. */
  record(seq: number): boolean {
    if (!Number.isInteger(seq) || seq < 0 || seq >= this.expected) {
      this.stray++;
      return false;
    }
    if (this.#seen[seq]) {
      this.duplicated++;
      return false;
    }
    this.#seen[seq] = 1;
    this.delivered++;
    if (seq < this.#highest) this.reordered++;
    else this.#highest = seq;
    return true;
  }

  /** The counts when `sent` of the expected messages were actually sent. */
  result(sent = this.expected): Delivery {
    return {
      sent,
      delivered: this.delivered,
      lost: sent - this.delivered,
      duplicated: this.duplicated + this.stray,
      reordered: this.reordered,
    };
  }
}

export function addDelivery(a: Delivery, b: Delivery): Delivery {
  return {
    sent: a.sent + b.sent,
    delivered: a.delivered + b.delivered,
    lost: a.lost + b.lost,
    duplicated: a.duplicated + b.duplicated,
    reordered: a.reordered + b.reordered,
  };
}

export const NO_DELIVERY: Delivery = { sent: 0, delivered: 0, lost: 0, duplicated: 0, reordered: 0 };
