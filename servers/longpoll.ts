import type { ServerResponse } from 'node:http';
import type { Hub, Peer } from './hub.ts';
import { closeListener } from './close-listener.ts';
import { createHttpServer, readBody, reply, route } from './http-request.ts';
import type { ServerTransport } from './transport.ts';

/** How long a poll is held open with nothing to say before it is answered empty. */
const POLL_HOLD_MS = 25_000;

/**
 * `longpoll`: HTTP long-polling built by hand on node:http, as in the classic tutorial.
 *   POST /open?id=X   join (204)         GET /poll?id=X   held until there is news: a JSON array of messages
 *   POST /send?id=X   one message (204)  POST /close?id=X leave (204)
 * Messages that arrive while no poll is waiting are queued and sent together with the next one.
 * A peer that stops polling is forgotten after limits.absentPeerMs, or at once when its queue passes
 * limits.maxBufferedBytes; its next request gets 404, which ends a client's poll loop.
 */
class PollingPeer implements Peer {
  readonly queue: string[] = [];
  #queuedBytes = 0;
  #waiting: ServerResponse | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** when a poll last ended or began: the clock the absent-peer sweep reads */
  lastSeenMs = Date.now();

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

  get waiting(): boolean {
    return this.#waiting !== undefined;
  }

  wait(res: ServerResponse): void {
    this.lastSeenMs = Date.now();
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
  const { absentPeerMs, sweepIntervalMs } = hub.limits;
  const peers = new Map<string, PollingPeer>();
  const forget = (id: string, peer: PollingPeer) => {
    if (peers.get(id) === peer) peers.delete(id);
    hub.leave(peer);
    peer.end();
  };
  // a client that vanished between polls leaves no connection to close: only the clock can tell
  const sweep = setInterval(() => {
    const cutoff = Date.now() - absentPeerMs;
    for (const [id, peer] of peers) if (!peer.waiting && peer.lastSeenMs < cutoff) forget(id, peer);
  }, sweepIntervalMs).unref();

  const listener = createHttpServer(hub.limits, async (req, res) => {
    const { path, id } = route(req);
    if (id === undefined) return reply(res, 400, 'missing or bad id');
    const peer = peers.get(id);
    if (req.method === 'POST' && path === '/open') {
      if (!peer) {
        const created: PollingPeer = new PollingPeer(() => forget(id, created));
        peers.set(id, created);
        hub.join(created);
      }
      return reply(res, 204);
    }
    if (!peer) return reply(res, 404, 'unknown id: POST /open first');
    if (req.method === 'GET' && path === '/poll') return peer.wait(res);
    if (req.method === 'POST' && path === '/send') {
      const text = await readBody(req, res, hub.limits.maxMessageBytes);
      if (text === undefined) return;
      reply(res, 204);
      return hub.receive(peer, text);
    }
    if (req.method === 'POST' && path === '/close') {
      forget(id, peer);
      return reply(res, 204);
    }
    reply(res, 404, 'not found');
  });
  return {
    listener,
    close: () => {
      clearInterval(sweep);
      for (const peer of peers.values()) hub.leave(peer);
      peers.clear();
      return closeListener(listener);
    },
  };
}
