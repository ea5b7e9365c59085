import { readFileSync } from 'node:fs';
import { Server as HttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Server } from 'node:net';

/** The page's own files live under this prefix, which no transport's routes use, so none is shadowed. */
export const ASSET_PREFIX = '/_wirebench/';

const TYPES: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'connect.js': 'text/javascript; charset=utf-8',
  'page.css': 'text/css; charset=utf-8',
};

/** Scripts only from this origin: the page never runs inline or foreign code, whatever is typed into it. */
const HEADERS = {
  'content-security-policy': "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

interface Asset {
  type: string;
  body: Buffer;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Every file the page needs, read once at start: the route serves these names and nothing else.
 * `connector` is what the transport's descriptor says the page's connect.js should use, as JSON.
 */
function loadAssets(transport: string, connector: object): Map<string, Asset> {
  const read = (name: string) => readFileSync(new URL(name, import.meta.url));
  const html = read('index.html')
    .toString('utf8')
    .replaceAll('%TRANSPORT%', escapeHtml(transport))
    .replaceAll('%CONNECTOR%', escapeHtml(JSON.stringify(connector)));
  const assets = new Map<string, Asset>([['/', { type: 'text/html; charset=utf-8', body: Buffer.from(html) }]]);
  for (const [name, type] of Object.entries(TYPES)) assets.set(ASSET_PREFIX + name, { type, body: read(name) });
  return assets;
}

/**
 * Serves the page from the transport's own HTTP server, so the page's origin is the transport's and its
 * client needs no CORS. One mechanism for every HTTP transport, no transport file touched: the server's
 * 'request' listeners are taken off and put back behind one that answers GET / and /_wirebench/* and
 * hands every other request to them unchanged. (Adding a listener beside theirs is not enough:
 * longpoll and sse answer every request, '/' with 400, and socket.io's listener passes what is not
 * under /socket.io/ to the listeners that were there when it attached; ws and websocket only listen for
 * 'upgrade', where a plain GET is never seen. engine.io wraps the listeners the same way.)
 * Returns false for a server that is not HTTP (tcp): there is no page to give a browser there.
 */
export function attachPage(listener: Server, transport: string, connector: object): boolean {
  if (!(listener instanceof HttpServer)) return false;
  const assets = loadAssets(transport, connector);
  const theirs = listener.listeners('request');
  listener.removeAllListeners('request');
  listener.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const asset = req.method === 'GET' || req.method === 'HEAD' ? assets.get(new URL(req.url ?? '/', 'http://page').pathname) : undefined;
    if (!asset && theirs.length === 0) {
      // ws and websocket have no request listener of their own: without this a plain GET would hang
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    if (!asset) {
      for (const other of theirs) Reflect.apply(other, listener, [req, res]);
      return;
    }
    res.writeHead(200, { ...HEADERS, 'content-type': asset.type, 'content-length': asset.body.length });
    res.end(req.method === 'HEAD' ? undefined : asset.body);
  });
  return true;
}
