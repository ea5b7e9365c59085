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

/** A transport's server, not yet listening, sharing the given hub (transports/ binds its options). */
export type CreateServer = (hub: Hub) => ServerTransport;
