import type { Peer } from './hub.ts';

/**
 * What the server keeps per client to replay after a reconnect: the last REPLAY_EVENTS events, and no
 * more than REPLAY_BYTES of them, so that a client that never comes back costs a bounded amount.
 * A churn gap of a few seconds at a few dozen events a second fits; a longer one loses its oldest part.
 */
export const REPLAY_EVENTS = 256;
export const REPLAY_BYTES = 64 * 1024;

/** What an event stream is written to: a node:http response, or a node:http2 one (sse-h2). */
export interface EventStreamResponse {
  readonly writableLength: number;
  write(chunk: string): boolean;
  destroy(): unknown;
}

/** One event: numbered, so that a reconnecting EventSource can say (Last-Event-ID) where it stopped. */
export function formatEvent(id: number, text: string): string {
  // a line break ends a field in event-stream, so a multi-line message takes one data: field per line
  return `id: ${id}\ndata: ${text.split(/\r\n|\r|\n/).join('\ndata: ')}\n\n`;
}

/**
 * One SSE client across its streams: it stays a peer of the hub while its stream is down (for as long
 * as the transport lets an absent client linger), keeping what it is sent in a bounded ring, and a
 * stream that comes back with Last-Event-ID gets the events after that id before anything new.
 * Event ids are per client and consecutive, so the ring holds texts only: event id = firstId + index.
 */
export class SseClient implements Peer {
  readonly #ring: string[] = [];
  #head = 0;
  #ringBytes = 0;
  /** the id of the ring's oldest event */
  #firstId = 1;
  #nextId = 1;
  #res: EventStreamResponse | undefined;
  /** when the stream went down; the transport's sweep forgets a client absent too long */
  detachedAtMs: number | undefined = Date.now();

  constructor(readonly close: () => void) {}

  send(text: string): void {
    const id = this.#nextId++;
    this.#keep(text);
    this.#res?.write(formatEvent(id, text));
  }

  buffered(): number {
    return this.#res?.writableLength ?? 0;
  }

  /** Takes over a new stream; replays the kept events after lastEventId when the client names one. */
  attach(res: EventStreamResponse, lastEventId: number | undefined): void {
    if (this.#res && this.#res !== res) this.#res.destroy(); // a newer stream of the same client wins
    this.#res = res;
    this.detachedAtMs = undefined;
    if (lastEventId === undefined) return;
    const from = Math.max(lastEventId + 1, this.#firstId);
    const count = this.#ring.length - this.#head;
    for (let id = from; id < this.#firstId + count; id++) {
      res.write(formatEvent(id, this.#ring[this.#head + id - this.#firstId] ?? ''));
    }
  }

  detach(res: EventStreamResponse): void {
    if (this.#res !== res) return;
    this.#res = undefined;
    this.detachedAtMs = Date.now();
  }

  /** Ends the client for good: its stream, if any, and what it kept. */
  end(): void {
    this.#res?.destroy();
    this.#res = undefined;
    this.#ring.length = 0;
    this.#head = 0;
    this.#ringBytes = 0;
  }

  #keep(text: string): void {
    this.#ring.push(text);
    this.#ringBytes += text.length; // UTF-16 units: never more than the UTF-8 bytes, and free to read
    while (this.#ring.length - this.#head > REPLAY_EVENTS || this.#ringBytes > REPLAY_BYTES) {
      this.#ringBytes -= this.#ring[this.#head]?.length ?? 0;
      this.#ring[this.#head] = ''; // let the text go now, not when the array is compacted
      this.#head++;
      this.#firstId++;
    }
    // compact now and then: shifting on every event would copy the whole ring each time
    if (this.#head >= REPLAY_EVENTS) {
      this.#ring.splice(0, this.#head);
      this.#head = 0;
    }
  }
}

/** The Last-Event-ID header as an event id, or undefined when absent or not one of ours. */
export function lastEventId(header: string | string[] | undefined): number | undefined {
  const id = typeof header === 'string' && header !== '' ? Number(header) : NaN;
  return Number.isInteger(id) && id >= 0 ? id : undefined;
}
