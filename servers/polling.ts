import type { Hub, Peer } from './hub.ts';
import { closeListener } from './close-listener.ts';
import { createHttpServer, readBody, reply, route } from './http-request.ts';
import type { ServerTransport } from './transport.ts';

/**
 * `polling`: plain short polling on node:http, the oldest way to fake a push. The routes are longpoll's,
 * but a poll is never held: it is answered at once with whatever has queued since the last one.
 *   POST /open?id=X   join (204)         GET /poll?id=X   at once: a JSON array of messages, `[]` if none
 *   POST /send?id=X   one message (204)  POST /close?id=X leave (204)
 * Every empty answer is the cost this transport is here to show: a full HTTP exchange that says nothing.
 */
class QueuePeer implements Peer {
  readonly queue: string[] = [];
  /** UTF-16 units queued: never more than their UTF-8 bytes, and free to keep */
  #queued = 0;
  /** the sweep tick of the last poll: a client that stops asking has gone */
  lastPoll: number;

  constructor(
    tick: number,
    private readonly forget: (peer: QueuePeer) => void,
  ) {
    this.lastPoll = tick;
  }

  send(text: string): void {
    this.queue.push(text);
    this.#queued += text.length;
  }

  buffered(): number {
    return this.#queued;
  }

  /** Forgets the client: its next poll gets 404, which ends a client's polling loop. */
  close(): void {
    this.queue.length = 0;
    this.#queued = 0;
    this.forget(this);
  }

  /** Everything queued so far, as the body of one poll's answer; the queue starts again empty. */
  drain(tick: number): string {
    this.lastPoll = tick;
    this.#queued = 0;
    return JSON.stringify(this.queue.splice(0));
  }
}

export function create(hub: Hub): ServerTransport {
  const { absentPeerMs, sweepIntervalMs, maxMessageBytes } = hub.limits;
  const peers = new Map<string, QueuePeer>();
  const forget = (id: string, peer: QueuePeer) => {
    if (peers.get(id) === peer) peers.delete(id);
    hub.leave(peer);
  };
  // a coarse clock kept by the sweep, so that answering a poll never reads the time
  let tick = 1;
  const absentTicks = Math.max(1, Math.ceil(absentPeerMs / sweepIntervalMs));
  const sweep = setInterval(() => {
    tick++;
    for (const [id, peer] of peers) if (tick - peer.lastPoll > absentTicks) forget(id, peer);
  }, sweepIntervalMs).unref();

  const listener = createHttpServer(hub.limits, async (req, res) => {
    const { path, id } = route(req);
    if (id === undefined) return reply(res, 400, 'missing or bad id');
    const peer = peers.get(id);
    if (req.method === 'POST' && path === '/open') {
      if (!peer) {
        const created = new QueuePeer(tick, (p) => forget(id, p));
        peers.set(id, created);
        hub.join(created);
      }
      return reply(res, 204);
    }
    if (!peer) return reply(res, 404, 'unknown id: POST /open first');
    if (req.method === 'GET' && path === '/poll') return reply(res, 200, peer.drain(tick), 'application/json');
    if (req.method === 'POST' && path === '/send') {
      const text = await readBody(req, res, maxMessageBytes);
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
