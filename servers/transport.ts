import type { Server } from 'node:net';
import type { ByteCounts } from './byte-meter.ts';
import type { Hub } from './hub.ts';

/**
 * A server that listens by itself, outside node:net (Bun.serve): it binds, and counts the bytes of its
 * own connections, since no node:net Server sees its sockets for the ByteMeter to count.
 */
export interface OwnListener {
  /** binds host:port (0: any free port) and resolves with the port */
  listen(host: string, port: number): Promise<number>;
  /** its connections' bytes and counts since it started, as ByteMeter counts a node:net server's sockets */
  counts(): ByteCounts;
}

/** A transport's server side: an adapter between its connections and the shared Hub. */
export interface ServerTransport {
  /**
   * The server that accepts every TCP connection of this transport, not yet listening.
   * The caller listens on it and counts its bytes (see ByteMeter), so adapters never do either.
   */
  readonly listener: Server | OwnListener;
  /** Ends every connection of this transport and stops accepting new ones. */
  close(): Promise<void>;
  /** Resolves once the transport can serve, where that needs more than listening (a relay subscribed). */
  ready?(): Promise<void>;
}

/** A transport's server, not yet listening, sharing the given hub (transports/ binds its options). */
export type CreateServer = (hub: Hub) => ServerTransport;
