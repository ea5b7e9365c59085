import { TRANSPORTS as DESCRIPTORS, needsServices } from '../../transports/registry.ts';
import { thisRuntime } from '../../bench/runtimes/catalog.ts';
import { MESSAGE_KINDS, encodePadded } from '../../protocol/envelope.ts';
import { eventually, type RecordingClient } from './transport-harness.ts';

/**
 * Every transport but the cluster ones, for the abuse suites (hardening, fuzz). socketio-redis and
 * ws-redis are their base's server with a relay for broadcasts; what abuse reaches (HTTP parsing,
 * frames, slow and vanished peers, the hub's limits) is the base's code, tested under the base's name,
 * and without a Redis they would be the base itself, tested twice. contract.test.ts runs them with Redis.
 * A transport that cannot run on the runtime the tests run on (bun-ws off Bun) is left out too.
 */
export const TRANSPORTS: readonly string[] = DESCRIPTORS.filter((t) => !needsServices(t) && !t.unsupportedOn?.(thisRuntime())).map((t) => t.name);

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
