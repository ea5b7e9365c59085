import type { AddressInfo, Server } from 'node:net';
import { ByteMeter } from './byte-meter.ts';
import { Hub } from './hub.ts';
import { DEFAULT_LIMITS, type ServerLimits } from './limits.ts';
import type { CreateServer, ServerTransport } from './transport.ts';

export const DEFAULT_HOST = '127.0.0.1';

export interface RunningServer {
  readonly transport: ServerTransport;
  readonly hub: Hub;
  readonly meter: ByteMeter;
  readonly port: number;
  close(): Promise<void>;
}

/** `exclusive`: a node:cluster worker's own port, not the one the primary shares out (net's listen option). */
export interface ListenOptions {
  readonly exclusive?: boolean;
}

function listen(server: Server, host: string, port: number, { exclusive = false }: ListenOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, exclusive }, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Starts a transport's server on host:port (port 0: any free port), its bytes counted.
 * Limits other than the defaults are for tests, which provoke abuse more cheaply with smaller ones.
 */
export async function listenTransport(
  create: CreateServer,
  host = DEFAULT_HOST,
  port = 0,
  limits: ServerLimits = DEFAULT_LIMITS,
  options: ListenOptions = {},
): Promise<RunningServer> {
  const hub = new Hub(limits);
  const meter = new ByteMeter();
  const transport = create(hub);
  meter.attach(transport.listener);
  const bound = 'counts' in transport.listener ? await transport.listener.listen(host, port) : await listen(transport.listener, host, port, options);
  // a relay that cannot reach its service fails the start, not the first broadcast
  await transport.ready?.().catch(async (error: unknown) => {
    await transport.close();
    throw error;
  });
  return { transport, hub, meter, port: bound, close: () => transport.close() };
}
