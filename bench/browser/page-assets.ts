import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { transportNamed } from '../../transports/registry.ts';
import { ROOT } from '../processes/root.ts';

/**
 * The page's path on the transport's origin: `/`, as an application's page would most often be, so the
 * `Referer` every request carries is as short as it gets (the byte comparison with Node is a lower bound).
 * The session answers it, never the server, so no transport's own route at `/` is in the way.
 */
export const PAGE_PATH = '/';

export interface Asset {
  contentType: string;
  body: Buffer;
}

const JS = 'text/javascript; charset=utf-8';

/** The socket.io client's browser bundle, from node_modules (the same version as the Node client), never a CDN. */
function socketIoBundle(): Buffer {
  // the package's entry lies somewhere under its folder (build/cjs/...): climb to the folder itself
  let dir = dirname(createRequire(import.meta.url).resolve('socket.io-client'));
  while (basename(dir) !== 'socket.io-client' && dirname(dir) !== dir) dir = dirname(dir);
  return readFileSync(join(dir, 'dist', 'socket.io.min.js'));
}

/**
 * Every file the page needs, by path on the transport's origin. They are answered by the browser
 * session itself (route interception), never by the transport's server: the server's byte counters see
 * the transport's traffic and nothing else, as with the Node client.
 */
export function pageAssets(transport: string): Map<string, Asset> {
  const dir = join(ROOT, 'clients', 'browser');
  const read = (name: string) => readFileSync(join(dir, name));
  const socketIo = transportNamed(transport).browser?.connector === 'socket.io';
  const html = read('bench.html')
    .toString('utf8')
    .replaceAll('%TRANSPORT%', transport)
    .replace('%SOCKETIO%', socketIo ? '<script src="/socket.io/socket.io.js"></script>\n' : '');
  const assets = new Map<string, Asset>([
    [PAGE_PATH, { contentType: 'text/html; charset=utf-8', body: Buffer.from(html) }],
    ['/_wirebench/browser/bench.js', { contentType: JS, body: read('bench.js') }],
    ['/_wirebench/browser/connect.js', { contentType: JS, body: read('connect.js') }],
  ]);
  if (socketIo) assets.set('/socket.io/socket.io.js', { contentType: JS, body: socketIoBundle() });
  return assets;
}
