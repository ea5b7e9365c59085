import type { Hub } from './hub.ts';
import { closeListener } from './close-listener.ts';
import { createHttpServer, reply, route, upstream, type AnyRequestListener, type AnyResponse } from './http-request.ts';
import { createSseH2Server } from './http2-server.ts';
import { SseClient, lastEventId } from './sse-replay.ts';
import type { ServerTransport } from './transport.ts';

/**
 * `sse`: Server-Sent Events on node:http. Downstream is one `text/event-stream` response per client
 * (GET /events?id=X); upstream needs a second channel, a POST per message (POST /send?id=X), and
 * POST /close?id=X says goodbye: a stream that ends looks the same whether the client left or was cut.
 * Every event carries an id; a client whose stream was lost stays a peer, its events kept (a bounded
 * number, see SseClient), until it comes back with Last-Event-ID and gets them replayed, or until it has
 * been gone limits.absentPeerMs.
 *
 * `http2` (sse-h2): the same routes over HTTP/2 (cleartext for Node clients, TLS for browsers), where a
 * client's stream and its POSTs are streams of one session on one TCP connection, their headers
 * HPACK-compressed; HTTP/1.1 on the same port for people and tools (servers/http2-server.ts).
 */
export interface SseOptions {
  readonly http2?: boolean;
}

export function create(hub: Hub, { http2 = false }: SseOptions = {}): ServerTransport {
  const { absentPeerMs, sweepIntervalMs } = hub.limits;
  const clients = new Map<string, SseClient>();
  const forget = (id: string, client: SseClient) => {
    if (clients.get(id) === client) clients.delete(id);
    hub.leave(client);
    client.end();
  };
  // a client whose stream was cut leaves nothing to close: only the clock can tell it has gone
  const sweep = setInterval(() => {
    const cutoff = Date.now() - absentPeerMs;
    for (const [id, client] of clients) if (client.detachedAtMs !== undefined && client.detachedAtMs < cutoff) forget(id, client);
  }, sweepIntervalMs).unref();

  const handler: AnyRequestListener = async (req, res) => {
    const { path, id } = route(req);
    if (id === undefined) return reply(res, 400, 'missing or bad id');
    if (req.method === 'GET' && path === '/events') return openStream(id, res, lastEventId(req.headers['last-event-id']));
    const client = clients.get(id);
    if (!client) return reply(res, 404, 'unknown id: open /events first');
    if (await upstream(req, res, path, hub, client, () => forget(id, client))) return;
    reply(res, 404, 'not found');
  };
  const h2 = http2 ? createSseH2Server(hub.limits, handler) : undefined;
  const listener = h2?.server ?? createHttpServer(hub.limits, handler);

  function openStream(id: string, res: AnyResponse, lastId: number | undefined): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    // node:http holds the head back until the first write; node:http2's writeHead sends its HEADERS frame at once
    if ('flushHeaders' in res) res.flushHeaders();
    let client = clients.get(id);
    if (!client) {
      const created: SseClient = new SseClient(() => forget(id, created));
      client = created;
      clients.set(id, created);
      hub.join(created);
    }
    client.attach(res, lastId);
    const attached = client;
    res.once('close', () => attached.detach(res));
  }

  return {
    listener,
    close: () => {
      clearInterval(sweep);
      for (const [id, client] of clients) forget(id, client);
      return h2 ? h2.close() : closeListener(listener);
    },
  };
}
