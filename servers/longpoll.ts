import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Hub } from './hub.ts';
import { reply } from './http-request.ts';
import { createPollServer, type PollPeer } from './poll-server.ts';
import type { ServerTransport } from './transport.ts';
import { POLL_HOLD_MS } from './longpoll-hold.ts';


/**
 * `longpoll`: HTTP long-polling built by hand on node:http, as in the classic tutorial, on the routes of
 * servers/poll-server.ts: a GET /poll is held until there is news. Messages that arrive while no poll is
 * waiting are queued and sent together with the next one. A peer whose queue passes
 * limits.maxBufferedBytes is forgotten at once (the hub closes it).
 */
class PollingPeer implements PollPeer {
  readonly queue: string[] = [];
  #queuedBytes = 0;
  #waiting: ServerResponse | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** when a poll last ended or began: the clock the absent-peer sweep reads */
  lastSeenMs = Date.now();
  /** the connection the last poll came on */
  #socket: Socket | null = null;

  constructor(readonly close: () => void) {}

  send(text: string): void {
    this.queue.push(text);
    this.#queuedBytes += text.length;
    if (this.#waiting) this.#flush(this.#waiting);
  }

  buffered(): number {
    // what was flushed sits in one answer at most: a client cannot poll again before it reads it
    return this.#queuedBytes;
  }

  /**
   * Gone: no poll waiting, none for a while, and the connection of the last one closed. A client still on
   * its connection is only slow to ask again (a starved one took 45 s here, after a broadcast to 50,000);
   * one that vanished without a FIN is closed by keepAliveTimeout, and forgotten after that.
   */
  absentSince(cutoffMs: number): boolean {
    return this.#waiting === undefined && this.lastSeenMs < cutoffMs && (this.#socket === null || this.#socket.destroyed);
  }

  poll(res: ServerResponse): void {
    this.lastSeenMs = Date.now();
    this.#socket = res.socket;
    if (this.#waiting) this.#flush(this.#waiting); // a newer poll replaces an older one
    if (this.queue.length > 0) {
      this.#flush(res);
      return;
    }
    this.#waiting = res;
    this.#timer = setTimeout(() => this.#flush(res), POLL_HOLD_MS);
    res.once('close', () => this.#forget(res));
  }

  #flush(res: ServerResponse): void {
    this.#forget(res);
    this.#queuedBytes = 0;
    reply(res, 200, JSON.stringify(this.queue.splice(0)), 'application/json');
  }

  #forget(res: ServerResponse): void {
    if (this.#waiting !== res) return;
    clearTimeout(this.#timer);
    this.#waiting = undefined;
    this.lastSeenMs = Date.now();
  }

  end(): void {
    if (this.#waiting) this.#flush(this.#waiting);
    this.queue.length = 0;
    this.#queuedBytes = 0;
  }
}

export function create(hub: Hub): ServerTransport {
  return createPollServer(hub, (forget) => new PollingPeer(forget));
}
