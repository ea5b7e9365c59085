import { createServer, type ServerResponse } from 'node:http';
import type { Hub, Peer } from './hub.ts';
import { closeListener } from './close-listener.ts';
import { readBody, reply, route } from './http-request.ts';
import type { ServerTransport } from './transport.ts';

/**
 * `sse`: Server-Sent Events on node:http. Downstream is one `text/event-stream` response per client
 * (GET /events?id=X); upstream needs a second channel, a POST per message (POST /send?id=X).
 */
function formatEvent(text: string): string {
  // a line break ends a field in event-stream, so a multi-line message takes one data: field per line
  return `data: ${text.split(/\r\n|\r|\n/).join('\ndata: ')}\n\n`;
}

export function create(hub: Hub): ServerTransport {
  const streams = new Map<string, Peer>();
  const listener = createServer(async (req, res) => {
    const { path, id } = route(req);
    if (id === undefined) return reply(res, 400, 'missing or bad id');
    if (req.method === 'GET' && path === '/events') return openStream(id, res);
    const peer = streams.get(id);
    if (req.method === 'POST' && path === '/send') {
      if (!peer) return reply(res, 404, 'unknown id: open /events first');
      const text = await readBody(req, res);
      if (text === undefined) return;
      reply(res, 204);
      return hub.receive(peer, text);
    }
    reply(res, 404, 'not found');
  });

  function openStream(id: string, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    const peer: Peer = { send: (text) => void res.write(formatEvent(text)) };
    const previous = streams.get(id); // a reconnect with the same id replaces the old stream
    if (previous) hub.leave(previous);
    streams.set(id, peer);
    hub.join(peer);
    res.once('close', () => {
      if (streams.get(id) === peer) streams.delete(id);
      hub.leave(peer);
    });
  }

  return { listener, close: () => closeListener(listener) };
}
