import { createServer, type ServerResponse } from 'node:http';
import type { Hub, Peer } from './hub.ts';
import { closeListener } from './close-listener.ts';
import { readBody, reply, route } from './http-request.ts';
import type { ServerTransport } from './transport.ts';

/** How long a poll is held open with nothing to say before it is answered empty. */
const POLL_HOLD_MS = 25_000;

/**
 * `longpoll`: HTTP long-polling built by hand on node:http, as in the classic tutorial.
 *   POST /open?id=X   join (204)         GET /poll?id=X   held until there is news: a JSON array of messages
 *   POST /send?id=X   one message (204)  POST /close?id=X leave (204)
 * Messages that arrive while no poll is waiting are queued and sent together with the next one.
 */
class PollingPeer implements Peer {
  readonly queue: string[] = [];
  #waiting: ServerResponse | undefined;
  #timer: NodeJS.Timeout | undefined;

  send(text: string): void {
    this.queue.push(text);
    if (this.#waiting) this.#flush(this.#waiting);
  }

  wait(res: ServerResponse): void {
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
    reply(res, 200, JSON.stringify(this.queue.splice(0)), 'application/json');
  }

  #forget(res: ServerResponse): void {
    if (this.#waiting !== res) return;
    clearTimeout(this.#timer);
    this.#waiting = undefined;
  }

  end(): void {
    if (this.#waiting) this.#flush(this.#waiting);
  }
}

export function create(hub: Hub): ServerTransport {
  const peers = new Map<string, PollingPeer>();
  const listener = createServer(async (req, res) => {
    const { path, id } = route(req);
    if (id === undefined) return reply(res, 400, 'missing or bad id');
    const peer = peers.get(id);
    if (req.method === 'POST' && path === '/open') {
      if (!peer) {
        const created = new PollingPeer();
        peers.set(id, created);
        hub.join(created);
      }
      return reply(res, 204);
    }
    if (!peer) return reply(res, 404, 'unknown id: POST /open first');
    if (req.method === 'GET' && path === '/poll') return peer.wait(res);
    if (req.method === 'POST' && path === '/send') {
      const text = await readBody(req, res);
      if (text === undefined) return;
      reply(res, 204);
      return hub.receive(peer, text);
    }
    if (req.method === 'POST' && path === '/close') {
      peers.delete(id);
      hub.leave(peer);
      peer.end();
      return reply(res, 204);
    }
    reply(res, 404, 'not found');
  });
  return {
    listener,
    close: () => {
      for (const peer of peers.values()) hub.leave(peer);
      peers.clear();
      return closeListener(listener);
    },
  };
}
