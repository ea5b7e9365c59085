import type { TransportDescriptor } from '../../transports/descriptor.ts';
import { FILES_FILL, FILES_SPARE, connectionsPerProcess } from '../load/open-files.ts';

/**
 * The sockets one source address opens at the most (connections, for a client of one socket). A client socket bound to an address (Node's
 * localAddress) takes its port from the ephemeral range (32768–60999 here, 28,232) on that address, and
 * Linux's bind() looks through the odd half of the range (14,116 ports) before the even half, which it
 * keeps for connect(): past about 14,000 every further bind scans the whole odd half first. 12,000 each
 * stays inside it, with room for ports still in TIME_WAIT; the loopback has 253 addresses to spread over.
 */
export const CONNECTIONS_PER_SOURCE = 12_000;

/** How many processes a point of `connections` takes on each side, and over how many source addresses. */
export interface PointScale {
  /** node:cluster workers of the server (0: one plain server process, as for every small point) */
  serverWorkers: number;
  loadProcesses: number;
  /** source addresses the load spreads over (0: the default source, 127.0.0.1) */
  sources: number;
  /** connections each source address opens at the most */
  perSource: number;
}

const n = (v: number) => v.toLocaleString('en-US');

/**
 * The processes a point needs from what this transport really holds: its descriptor's sockets per
 * connection on each side, the baseline of each process, the open-files limit. A server that does not
 * fit one process runs as a node:cluster where the transport has one; the load always spreads.
 */
export function scaleFor(transport: TransportDescriptor, connections: number, limit: number | undefined, atLeastLoads = 1): PointScale {
  const spc = transport.socketsPerConnection;
  const oneServer = connectionsPerProcess(spc, limit);
  const spread = Math.floor(oneServer * FILES_FILL);
  const loadProcesses = Math.max(atLeastLoads, connections <= spread ? 1 : Math.ceil(connections / spread));
  // the ports a source address gives are sockets, not connections: a two-socket client takes two
  const perSource = Math.floor(CONNECTIONS_PER_SOURCE / spc);
  const clustered = connections > oneServer && transport.nodeCluster !== undefined;
  if (clustered && transport.nodeCluster?.sticky === 'source-address') {
    // sticky by address: one source per worker, each no more than a worker holds (bench/processes/sticky-primary.ts)
    const each = Math.min(perSource, spread);
    const workers = Math.ceil(connections / each);
    return { serverWorkers: workers, loadProcesses, sources: workers, perSource: each };
  }
  const serverWorkers = clustered ? Math.ceil(connections / spread) : 0;
  const sources = connections > perSource ? Math.ceil(connections / perSource) : 0;
  return { serverWorkers, loadProcesses, sources, perSource };
}

/**
 * Why this transport cannot hold `connections` on this machine, in one line with the arithmetic, or
 * undefined when it can: a server that holds every connection in one process and has no cluster.
 */
export function scaleProblem(transport: TransportDescriptor, connections: number, limit: number | undefined): string | undefined {
  if (limit === undefined || transport.nodeCluster) return undefined;
  const spc = transport.socketsPerConnection;
  const needed = connections * spc + FILES_SPARE;
  if (needed <= limit) return undefined;
  return (
    `${transport.name} needs ${n(needed)} open files in its one server process (${n(connections)} × ${spc} socket${spc === 1 ? '' : 's'} + ${FILES_SPARE} baseline) ` +
    `but the limit (ulimit -n) is ${n(limit)} and it has no cluster here: at most ${n(connectionsPerProcess(spc, limit))}`
  );
}
