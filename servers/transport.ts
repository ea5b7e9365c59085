import type { Server } from 'node:net';
import type { Hub } from './hub.ts';

/** A transport's server side: an adapter between its connections and the shared Hub. */
export interface ServerTransport {
  /**
   * The server that accepts every TCP connection of this transport, not yet listening.
   * The caller listens on it and counts its bytes (see ByteMeter), so adapters never do either.
   */
  readonly listener: Server;
  /** Ends every connection of this transport and stops accepting new ones. */
  close(): Promise<void>;
  /** Resolves once the transport can serve, where that needs more than listening (a relay subscribed). */
  ready?(): Promise<void>;
}

export type CreateServer = (hub: Hub) => ServerTransport;

/**
 * How a transport's server is deployed, when it is more than one process: how many server processes
 * share the load, and which services (e.g. `redis`) the suite must start for them first. Each service's
 * address reaches the server processes as an environment variable (servers/relay.ts serviceUrl).
 */
export interface ClusterShape {
  processes: number;
  services: readonly string[];
}

export interface ServerModule {
  create: CreateServer;
  /** absent: one process, no services */
  cluster?: ClusterShape;
}
