import type { ClientConnection, ClientOptions } from '../clients/transport.ts';
import { DEFAULT_HOST, listenTransport, type RunningServer } from '../servers/listen.ts';
import { DEFAULT_LIMITS, type ServerLimits } from '../servers/limits.ts';
import { transportNamed } from './registry.ts';

/**
 * Starts the named transport's server on host:port (port 0: any free port), its bytes counted; only
 * that transport's library is loaded. Limits other than the defaults are for tests.
 */
export async function startServer(name: string, host = DEFAULT_HOST, port = 0, limits: ServerLimits = DEFAULT_LIMITS): Promise<RunningServer> {
  return listenTransport(await transportNamed(name).server(), host, port, limits);
}

/** Opens one connection of the named transport with its Node client. */
export async function connectClient(name: string, options: ClientOptions): Promise<ClientConnection> {
  return (await transportNamed(name).client())(options);
}

export type { RunningServer };
