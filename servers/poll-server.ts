import type { ServerResponse } from 'node:http';
import type { Hub, Peer } from './hub.ts';
import { closeListener } from './close-listener.ts';
import { createHttpServer, reply, route, upstream } from './http-request.ts';
import type { ServerTransport } from './transport.ts';

/** A client of an HTTP polling transport: it has no connection of its own, only the requests it makes. */
export interface PollPeer extends Peer {
  /** answers a GET /poll: at once (short polling) or when there is news (long-polling) */
  poll(res: ServerResponse): void;
  /** whether the client has not been heard from since `cutoffMs` (a held poll counts as heard) */
  absentSince(cutoffMs: number): boolean;
  /** ends what it holds (a held poll, its queue) when it is forgotten */
  end(): void;
}

/**
 * The routes both hand-built polling transports share, written once; they differ only in their peer.
 *   POST /open?id=X   join (204)         GET /poll?id=X   the peer's answer: a JSON array of messages
 *   POST /send?id=X   one message (204)  POST /close?id=X leave (204)
 * A client that vanished between polls leaves no connection to close: the sweep forgets it after
 * limits.absentPeerMs, and its next request then gets 404, which ends a client's poll loop.
 */
export function createPollServer<P extends PollPeer>(hub: Hub, newPeer: (forget: () => void) => P): ServerTransport {
  const { absentPeerMs, sweepIntervalMs } = hub.limits;
  const peers = new Map<string, P>();
  const forget = (id: string, peer: P) => {
    if (peers.get(id) === peer) peers.delete(id);
    hub.leave(peer);
    peer.end();
  };
  const sweep = setInterval(() => {
    const cutoff = Date.now() - absentPeerMs;
    for (const [id, peer] of peers) if (peer.absentSince(cutoff)) forget(id, peer);
  }, sweepIntervalMs).unref();

  const listener = createHttpServer(hub.limits, async (req, res) => {
    const { path, id } = route(req);
    if (id === undefined) return reply(res, 400, 'missing or bad id');
    const peer = peers.get(id);
    if (req.method === 'POST' && path === '/open') {
      if (!peer) {
        const created: P = newPeer(() => forget(id, created));
        peers.set(id, created);
        hub.join(created);
      }
      return reply(res, 204);
    }
    if (!peer) return reply(res, 404, 'unknown id: POST /open first');
    if (req.method === 'GET' && path === '/poll') return peer.poll(res);
    if (await upstream(req, res, path, hub, peer, () => forget(id, peer))) return;
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
