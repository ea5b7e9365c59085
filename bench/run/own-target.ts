import type { TransportDescriptor } from '../../transports/descriptor.ts';
import { TRANSPORTS } from '../../transports/registry.ts';
import { usageError } from '../errors.ts';
import { isLoopback, notLoopback, type Target } from './target.ts';

/** How a URL names a server the user wrote, by what its clients speak. */
export const OWN_SCHEMES = ['ws', 'http', 'tcp'] as const;
export type OwnScheme = (typeof OWN_SCHEMES)[number];

/**
 * Which kind of URL a transport's client can load, read from its wire spec: plain WebSocket frames
 * carrying the envelope (ws://), socket.io over either engine.io transport or SSE with POSTs (http://),
 * one message a line (tcp://). A cluster is the suite's own deployment, and the hand-built polling
 * protocols are the suite's own routes: no user's server speaks them.
 */
export function schemeOf(t: TransportDescriptor): OwnScheme | undefined {
  if (t.cluster) return undefined;
  switch (t.wire.kind) {
    case 'lines':
      return 'tcp';
    case 'websocket-frames':
      return t.wire.messages === 'envelope' ? 'ws' : 'http';
    case 'engine.io-polling':
      return 'http';
    case 'hand-built-http':
      return t.wire.down === 'event-stream' ? 'http' : undefined;
  }
}

const PORTS: Record<OwnScheme, number | undefined> = { ws: 80, http: 80, tcp: undefined };

/** `ws://127.0.0.1:8080/path` and the like as a target: loopback only, as every load, unless allowRemote (--allow-remote-target). */
export function parseOwnTarget(value: string, allowRemote = false): Target & { scheme: OwnScheme } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(`--target '${value}' is not a URL, e.g. ws://127.0.0.1:8080/`);
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (scheme === 'wss' || scheme === 'https') throw usageError(`--target ${value}: TLS is not supported; load goes over loopback, use ${scheme.slice(0, -1)}://`);
  if (scheme !== 'ws' && scheme !== 'http' && scheme !== 'tcp') throw usageError(`--target ${value}: the scheme must be ws://, http:// or tcp://`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!allowRemote && !isLoopback(host)) throw usageError(notLoopback(host));
  const port = url.port === '' ? PORTS[scheme] : Number(url.port);
  if (port === undefined) throw usageError(`--target ${value} names no port`);
  return { host, ports: [port], scheme, own: { url: url.href, path: `${url.pathname}${url.search}` } };
}

/**
 * The transport that loads an own server: the one named (which must speak the URL's scheme), or for
 * ws:// and tcp:// the first that does; http:// has several (socket.io, SSE) and needs naming.
 */
export function ownTargetTransport(scheme: OwnScheme, url: string, named: readonly string[] | undefined): string {
  const speaking = TRANSPORTS.filter((t) => schemeOf(t) === scheme).map((t) => t.name);
  if (named === undefined) {
    const [only, ...others] = speaking;
    if (only !== undefined && (scheme !== 'http' || others.length === 0)) return only;
    throw usageError(`--target ${url} needs the transport it speaks named: --transports ${speaking.join(' | ')}`);
  }
  const [one, ...more] = named;
  if (one === undefined || more.length > 0 || !speaking.includes(one)) {
    throw usageError(`--target ${url} is loaded by one transport that speaks ${scheme}://: --transports ${speaking.join(' | ')}`);
  }
  return one;
}
