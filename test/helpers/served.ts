import { TRANSPORT_NAMES } from '../../transports/registry.ts';
import { MESSAGE_KINDS, encodePadded } from '../../protocol/envelope.ts';
import { eventually, type RecordingClient } from './transport-harness.ts';

/** Every transport: the abuse suites run over all of them. */
export const TRANSPORTS = TRANSPORT_NAMES;

let next = 0;

/** An echo envelope of `size` bytes with a sequence number never used before in this process. */
export function echoOf(size = 64, sender = 'good'): string {
  return encodePadded({ kind: MESSAGE_KINDS.echo, sender, seq: ++next, sentUs: 1 }, size);
}

/** Proves a well-behaved client is still served: a fresh echo comes back. */
export async function stillServed(client: RecordingClient): Promise<void> {
  const text = echoOf();
  const before = client.received.length;
  client.conn.send(text);
  // other answers may arrive first (echoes of earlier messages): wait for this one
  await eventually(() => client.received.indexOf(text, before) >= 0, 10_000, 'a fresh echo');
}
