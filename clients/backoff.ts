/**
 * The retry delays of the recovery the suite adds where a transport has none of its own (ws, websocket,
 * longpoll, polling): the first retry soon after the loss, then doubling, so that a server that is gone
 * is not hammered. socket.io-client (1 s ± 50 %) and EventSource (3 s unless the server says `retry:`)
 * keep their libraries' own delays.
 */
export const RETRY_FIRST_MS = 100;
export const RETRY_MAX_MS = 5_000;

export class Backoff {
  #next = RETRY_FIRST_MS;

  /** The delay before the next attempt; each call doubles the one after it. */
  take(): number {
    const delay = this.#next;
    this.#next = Math.min(RETRY_MAX_MS, this.#next * 2);
    return delay;
  }

  reset(): void {
    this.#next = RETRY_FIRST_MS;
  }
}
