import type { Delivery } from '../../../protocol/control.ts';
import { decode } from '../../../protocol/envelope.ts';
import { DeliveryCounter, NO_DELIVERY, addDelivery } from '../../load/delivery-counter.ts';

/**
 * What every client of one count received of its window's broadcasts, each client's numbered stream
 * counted as any other (delivered, duplicated, reordered, lost). Arrivals count from open() to close();
 * a broadcast of an earlier count arriving late is that count's loss, not this one's duplicate, so the
 * numbers of each count's broadcasts start after the last count's.
 */
export class WindowReceivers {
  #counters: DeliveryCounter[] = [];
  #firstSeq = 0;
  #open = false;

  /** Starts counting `broadcasts` messages numbered from `firstSeq` at each of `clients` clients. */
  open(clients: number, firstSeq: number, broadcasts: number): void {
    this.#counters = Array.from({ length: clients }, () => new DeliveryCounter(broadcasts));
    this.#firstSeq = firstSeq;
    this.#open = true;
  }

  /** One message arrived at client `client` (its index in this load process). */
  receive(client: number, text: string): void {
    if (!this.#open) return;
    const seq = decode(text)?.seq;
    if (seq === undefined || seq < this.#firstSeq) return;
    this.#counters[client]?.record(seq - this.#firstSeq);
  }

  /** Stops counting: what the window's clients received of what was sent to them. */
  close(): Delivery {
    this.#open = false;
    return this.#counters.map((c) => c.result()).reduce(addDelivery, NO_DELIVERY);
  }
}
