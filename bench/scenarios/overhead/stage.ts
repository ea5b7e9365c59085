import { MESSAGE_KINDS, encodePadded, nowUs } from '../../../protocol/envelope.ts';
import type { TransportDescriptor } from '../../../transports/descriptor.ts';
import { FILES_SPARE } from '../../load/open-files.ts';
import type { SizesByProfile } from '../scenario.ts';

/**
 * The classic header-overhead comparison (websocket.org, 2010): N clients each getting one message a
 * second. Measured at 1,000 clients in every profile and at 10,000 in the full one, when this machine's
 * open-files limit allows; 100,000 is extrapolated from the largest measured count, never measured.
 */
export interface OverheadSizes {
  /** client counts measured one after another; a larger one only where the open-files limit holds it */
  clients: number[];
  /** seconds measured per count, one broadcast a second */
  windowS: number;
}

export const OVERHEAD_SIZES: SizesByProfile<OverheadSizes> = {
  // in every default run: 1,000 clients as the table has them, for one broadcast (the eight default
  // transports took 51 s here with a 1 s window, 73 s with 3 s, on a machine shared with other runs)
  quick: { clients: [1000], windowS: 1 },
  full: { clients: [1000, 10_000], windowS: 10 },
  ci: { clients: [1000], windowS: 3 },
};

export const EXTRAPOLATED_CLIENTS = 100_000;

/** Pause after the connections are open, so that their opening traffic is over before the window. */
export const SETTLE_S = 1;

export interface Stage {
  /** clients of the whole point */
  clients: number;
  /** clients this load process holds */
  share: number;
  windowS: number;
  /** the number of this count's first broadcast: each count's follow the last count's */
  firstSeq: number;
}

/**
 * Sockets one client holds in the server: what its descriptor says, but one for a transport that polls on
 * a timer, which this scenario loads with autocannon over one keep-alive socket a client (see overhead.ts).
 */
export const socketsPerClient = (t: TransportDescriptor) => (t.pollIntervalMs === undefined ? t.socketsPerConnection : 1);

/** Why `clients` cannot be measured here, or undefined when it can. */
export function cannotHold(transport: TransportDescriptor, clients: number, openFiles: number | undefined): string | undefined {
  const needed = clients * socketsPerClient(transport) + FILES_SPARE;
  if (openFiles === undefined || needed <= openFiles) return undefined;
  return `needs about ${needed} open files in the server process, over this machine's limit of ${openFiles}`;
}

/** The message broadcast once a second: the server sends it to every client, the sender included. */
export const broadcastText = (seq: number, size: number) =>
  encodePadded({ kind: MESSAGE_KINDS.broadcast, sender: 'b', seq, sentUs: nowUs() }, size);
