import { findTransport } from '../../transports/registry.ts';
import { readable } from './format.ts';

/**
 * How each transport's server broadcast, as its descriptor says: the library's own API where it has one.
 * The hub's slow-reader policy still applies after a library's broadcast (servers/hub.ts); what the
 * suite cannot see there is each peer's send, which the library makes.
 */
export function broadcastApis(transports: readonly string[], maxBufferedBytes: number): string[] {
  const lines = transports.flatMap((name) => {
    const api = findTransport(name)?.broadcast;
    return api ? [`- \`${name}\`: ${api}.`] : [];
  });
  if (lines.length === 0) return [];
  return [
    'How each server broadcast (as its users write it):',
    '',
    ...lines,
    '',
    `Where the library broadcasts, it sends to each peer itself; the server then still disconnects a peer with more than ` +
      `${readable(maxBufferedBytes / 2 ** 20)} MiB waiting, as for every transport.`,
    '',
  ];
}
