import type { ServerResponse } from 'node:http';
import type { Hub } from './hub.ts';
import { reply } from './http-request.ts';
import { createPollServer, type PollPeer } from './poll-server.ts';
import type { ServerTransport } from './transport.ts';

/**
 * `polling`: plain short polling on node:http, the oldest way to fake a push. The routes are longpoll's
 * (servers/poll-server.ts), but a poll is never held: it is answered at once with whatever has queued
 * since the last one, `[]` if nothing. Every empty answer is the cost this transport is here to show: a
 * full HTTP exchange that says nothing.
 */
class QueuePeer implements PollPeer {
  readonly queue: string[] = [];
  /** UTF-16 units queued: never more than their UTF-8 bytes, and free to keep */
  #queued = 0;
  /** when the client last asked: one that stops asking has gone */
  #lastPollMs = Date.now();

  /** Forgets the client: its next poll gets 404, which ends a client's polling loop. */
  constructor(readonly close: () => void) {}

  send(text: string): void {
    this.queue.push(text);
    this.#queued += text.length;
  }

  buffered(): number {
    return this.#queued;
  }

  /** Everything queued so far, as the body of one answer; the queue starts again empty. */
  poll(res: ServerResponse): void {
    this.#lastPollMs = Date.now();
    this.#queued = 0;
    reply(res, 200, JSON.stringify(this.queue.splice(0)), 'application/json');
  }

  absentSince(cutoffMs: number): boolean {
    return this.#lastPollMs < cutoffMs;
  }

  end(): void {
    this.queue.length = 0;
    this.#queued = 0;
  }
}

export function create(hub: Hub): ServerTransport {
  return createPollServer(hub, (forget) => new QueuePeer(forget));
}
