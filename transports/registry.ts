import type { TransportDescriptor } from './descriptor.ts';
import tcp from './tcp.ts';
import ws from './ws.ts';
import websocket from './websocket.ts';
import socketio from './socketio.ts';
import socketioPolling from './socketio-polling.ts';
import longpoll from './longpoll.ts';
import sse from './sse.ts';
import polling from './polling.ts';
import socketioRedis from './socketio-redis.ts';
import wsRedis from './ws-redis.ts';
import wsNative from './ws-native.ts';
import wsBuiltin from './ws-builtin.ts';
import bunWs from './bun-ws.ts';
import wsDeflate from './ws-deflate.ts';
import socketioDeflate from './socketio-deflate.ts';
import socketioMsgpack from './socketio-msgpack.ts';
import engineio from './engineio.ts';
import socketioRecovery from './socketio-recovery.ts';
import socketioRedisStreams from './socketio-redis-streams.ts';
import sseH2 from './sse-h2.ts';

/** Every transport, in the order runs and reports list them: adding one is its descriptor and one line here. */
export const TRANSPORTS: readonly TransportDescriptor[] = [
  tcp, ws, websocket, socketio, socketioPolling, longpoll, sse, polling, socketioRedis, wsRedis, wsNative, wsBuiltin, bunWs,
  wsDeflate, socketioDeflate, socketioMsgpack, engineio, socketioRecovery, socketioRedisStreams, sseH2,
];

const BY_NAME = new Map(TRANSPORTS.map((t) => [t.name, t]));

export const TRANSPORT_NAMES: readonly string[] = TRANSPORTS.map((t) => t.name);

/** The descriptor of a transport, or undefined for a name the suite does not know. */
export function findTransport(name: string): TransportDescriptor | undefined {
  return BY_NAME.get(name);
}

/** The descriptor of a transport the caller has already checked exists (a job, a stored point). */
export function transportNamed(name: string): TransportDescriptor {
  const t = BY_NAME.get(name);
  if (!t) throw new Error(`unknown transport '${name}'; known: ${TRANSPORT_NAMES.join(', ')}`);
  return t;
}

/** Transports that need a service the suite starts for them (Redis): they run when named, not by default. */
export const needsServices = (t: TransportDescriptor): boolean => (t.cluster?.services.length ?? 0) > 0;

/** What runs when --transports is not given: every transport that needs nothing installed beyond npm's and is not a variant. */
export const DEFAULT_TRANSPORTS: readonly string[] = TRANSPORTS.filter((t) => !needsServices(t) && t.notByDefault === undefined).map((t) => t.name);
