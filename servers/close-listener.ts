import type { Server, Socket } from 'node:net';
import { Server as HttpServer } from 'node:http';

/**
 * Stops a listener and ends every connection it still holds, so that a closed server leaves no open
 * handle behind (http keep-alive sockets and pending long-polls would otherwise keep it alive).
 */
export function closeListener(server: Server, sockets?: Iterable<Socket>): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    if (server instanceof HttpServer) server.closeAllConnections();
    for (const s of sockets ?? []) s.destroy();
  });
}
