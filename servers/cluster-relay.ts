import type { BroadcastRelay, Hub } from './hub.ts';

/** The IPC message a node:cluster worker's broadcast travels in, through the primary to the other workers. */
export interface RelayMessage {
  t: 'wb:relay';
  text: string;
}

export const isRelayMessage = (m: unknown): m is RelayMessage =>
  typeof m === 'object' && m !== null && (m as { t?: unknown }).t === 'wb:relay' && typeof (m as { text?: unknown }).text === 'string';

/**
 * Broadcasts between the workers of a node:cluster over its IPC channels, as people fan WebSocket messages
 * out across a cluster without a broker: a worker hands its broadcast to the primary, which passes it to
 * every other worker (bench/processes/cluster-primary.ts), and each delivers it to its own peers. One
 * message per worker per broadcast, whatever the number of peers.
 */
export function clusterIpcRelay(hub: Hub): BroadcastRelay {
  process.on('message', (m: unknown) => {
    if (isRelayMessage(m)) hub.deliver(m.text);
  });
  return { publish: (text) => void process.send?.({ t: 'wb:relay', text } satisfies RelayMessage) };
}
