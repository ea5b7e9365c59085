import { Server as HttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ServerStats } from '../protocol/control.ts';
import type { RunningServer } from './listen.ts';
import { statsReader } from './server-stats.ts';

/** Under the prefix the page uses too, which no transport's routes use. */
export const STATS_PATH = '/_wirebench/stats';
/** Collects garbage first (where node runs with --expose-gc), so that memory read next is live memory. */
export const GC_PATH = '/_wirebench/gc';

/**
 * The stats the orchestrator reads from a server child over IPC, served over HTTP on the transport's own
 * port, for load pointed at `npm run serve` with --target (bench/target-server.ts): GET STATS_PATH
 * answers ServerStats as JSON. Mounted as the page is (servers/page/route.ts): in front of the
 * transport's own request listeners, which see every other request unchanged.
 *
 * The stats requests travel on the measured listener, so their own bytes and connections are taken out
 * of what is reported: a socket that asked for stats is the endpoint's, all it ever moves included (a
 * response is counted when the next read comes). Returns false for a server that is not HTTP (tcp).
 */
export function mountStatsEndpoint(server: RunningServer): boolean {
  const listener = server.transport.listener;
  if (!(listener instanceof HttpServer)) return false;
  const read = statsReader(server);
  const mine = new Set<Socket>();
  const closed = { bytesRead: 0, bytesWritten: 0, connections: 0 };
  const own = (socket: Socket) => {
    if (mine.has(socket)) return;
    mine.add(socket);
    socket.once('close', () => {
      mine.delete(socket);
      closed.bytesRead += socket.bytesRead;
      closed.bytesWritten += socket.bytesWritten;
      closed.connections++;
    });
  };
  const stats = (): ServerStats => {
    const s = read();
    let { bytesRead, bytesWritten } = closed;
    for (const socket of mine) {
      bytesRead += socket.bytesRead;
      bytesWritten += socket.bytesWritten;
    }
    return {
      ...s,
      bytesRead: s.bytesRead - bytesRead,
      bytesWritten: s.bytesWritten - bytesWritten,
      connectionsAccepted: s.connectionsAccepted - closed.connections - mine.size,
      connectionsOpen: s.connectionsOpen - mine.size,
    };
  };
  const theirs = listener.listeners('request');
  listener.removeAllListeners('request');
  listener.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://stats').pathname;
    if (req.method === 'GET' && (path === STATS_PATH || path === GC_PATH)) {
      own(req.socket);
      if (path === GC_PATH) (globalThis as { gc?: () => void }).gc?.();
      const body = JSON.stringify(path === STATS_PATH ? stats() : { gc: typeof (globalThis as { gc?: unknown }).gc === 'function' });
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', connection: 'close' }).end(body);
      return;
    }
    if (theirs.length === 0) {
      // ws and websocket have no request listener of their own: without this a plain GET would hang
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    for (const other of theirs) Reflect.apply(other, listener, [req, res]);
  });
  return true;
}
