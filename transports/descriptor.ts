import type { Connect } from '../clients/transport.ts';
import type { CreateServer } from '../servers/transport.ts';
import type { MicroCase } from './micro/case.ts';

/**
 * How a transport's bytes are framed on the wire, for the breakdown by part (bench/wire reads its
 * captures by this). Data, not code: the descriptor says what the transport is, bench/wire knows how to
 * read each kind.
 */
export type WireSpec =
  /** one message a line, nothing else (tcp) */
  | { kind: 'lines' }
  /**
   * one upgraded connection carrying WebSocket frames whose messages are the envelope, or engine.io
   * packets (socket.io's inside, or the envelope alone for raw engine.io), or socket.io packets in msgpack;
   * `deflate`: its server accepts permessage-deflate, so a message may be compressed (read as such)
   */
  | { kind: 'websocket-frames'; messages: 'envelope' | 'engine.io' | 'engine.io-raw' | 'socket.io-msgpack'; deflate?: boolean }
  /** engine.io's HTTP long-polling: payloads of packets in request and response bodies */
  | { kind: 'engine.io-polling' }
  /**
   * the suite's hand-built HTTP routes: POST /send carries one message, what comes down is a JSON batch
   * or an event stream; `http2`: every request a stream of one HTTP/2 connection (read as HTTP/2 frames)
   */
  | { kind: 'hand-built-http'; down: 'json-batch' | 'event-stream'; http2?: boolean };

/** The browser pages' connector for a transport (clients/browser/connect.js, servers/page/connect.js). */
export type BrowserConnector =
  | { connector: 'WebSocket' }
  | { connector: 'socket.io'; engine: 'websocket' | 'polling' }
  | { connector: 'EventSource' }
  | { connector: 'long-poll' }
  | { connector: 'short-poll' };

export type BrowserSupport = BrowserConnector & {
  /** whether a connection holds HTTP/1.1 requests (Chromium opens at most 6 per host; WebSockets and HTTP/2 streams do not count) */
  readonly http: boolean;
  /**
   * the page is opened over https: a browser speaks HTTP/2 only over TLS. The server's certificate is
   * self-signed, made at run time, and the browser told to ignore certificate errors.
   */
  readonly tls?: boolean;
};

/** What a transport may ask of the runtime its server and load processes run on (bench/runtimes/catalog.ts). */
export interface RuntimeFacts {
  readonly kind: 'node' | 'bun';
  readonly major: number;
}

/**
 * A server on node:http, on Bun: Bun's node:http keeps its sockets' bytes from their counters, and Bun
 * replaces the `ws` package with its own server (uWebSockets) when it is imported. Measured on Bun
 * 1.4.4: 0 B up per echo for ws, socketio, longpoll, sse and polling; raw sockets (tcp, and
 * WebSocket-Node, which takes its socket over after the upgrade) count exactly as on Node.
 */
export const uncountedOnBunHttp = (runtime: RuntimeFacts): string | undefined =>
  runtime.kind === 'bun' ? "Bun's node:http does not count its sockets' bytes (and Bun swaps ws for its own server)" : undefined;

/**
 * How a transport's server is deployed, when it is more than one process: how many server processes
 * share the load, and which services (e.g. `redis`) the suite must start for them first. Each service's
 * address reaches the server processes as an environment variable (servers/relay.ts serviceUrl).
 */
export interface ClusterShape {
  readonly processes: number;
  readonly services: readonly string[];
}

/**
 * How a transport's server runs as a `node:cluster` of workers sharing one port when one process cannot
 * hold a point's connections under its open-files limit (the orchestrator sizes it). Without `server`,
 * each worker runs the transport's own server and its broadcasts reach the other workers through the
 * primary over IPC (servers/cluster-relay.ts); with it, the library's own cluster adapter does that.
 */
export interface NodeClusterShape {
  /** how broadcasts cross the workers, for the report */
  readonly how: string;
  /** what the primary sets up before it forks (socket.io's cluster adapter: setupPrimary) */
  readonly primary?: () => Promise<void>;
  /** the server each worker runs, when it differs from the transport's own (a library's cluster adapter) */
  readonly server?: () => Promise<CreateServer>;
  /**
   * `source-address`: every connection from one client address goes to one worker, as a load balancer's
   * IP-hash stickiness does (bench/processes/sticky-primary.ts). A transport whose client makes more than
   * one connection and whose server keeps the client's state in one process (an event stream and its
   * POSTs, a queue and its polls) needs it; absent: the workers take connections in turn.
   */
  readonly sticky?: 'source-address';
}

/**
 * Everything the suite knows about one transport, in one place. The engine, the report, the browser
 * pages and the gate read these fields; no list of transport names is kept anywhere else. Modules load
 * on demand, so that a process loads only its own transport's library.
 */
export interface TransportDescriptor {
  readonly name: string;
  /** one line for --help and the report */
  readonly description: string;
  /** its server, with the options this transport runs it with */
  readonly server: () => Promise<CreateServer>;
  /** its Node client, with the options this transport runs it with */
  readonly client: () => Promise<Connect>;
  /**
   * a load generator's client for a scenario that drives the server to its limit (throughput), where the
   * transport's own client costs as much per message as its server and so cannot out-run it; it speaks
   * the same protocol to the same server. Absent: the transport's client drives every scenario.
   */
  readonly loadClient?: () => Promise<Connect>;
  /** absent: one server process, no services */
  readonly cluster?: ClusterShape;
  /** absent: one server process holds every connection, and a point that needs more is capped or refused */
  readonly nodeCluster?: NodeClusterShape;
  /** TCP sockets one connection holds open on each side at most (an HTTP client's upstream channel beside its stream) */
  readonly socketsPerConnection: number;
  /** a client that asks the server on a timer: how often (the overhead table loads such a transport once a second instead) */
  readonly pollIntervalMs?: number;
  readonly wire: WireSpec;
  /** its own framing and parsing of one message, for the micro scenario; absent: it shares another's code */
  readonly micro?: () => Promise<readonly MicroCase[]>;
  /** the packages whose versions shape its figures, recorded in every run's environment */
  readonly packages: readonly string[];
  /** its Node client and server carry binary messages (sendBinary), so --payload-kind binary can run on it */
  readonly binaryMessages?: boolean;
  /** absent: a browser has no client for it */
  readonly browser?: BrowserSupport;
  /** how its server broadcasts, as its users write it: the library's own API, or the loop its docs give */
  readonly broadcast: string;
  /** what it does after a connection is lost, in a few words for the churn section */
  readonly recovery: string;
  /** what a reader of its byte counts should know (its defaults compress, a message rides a poll, ...) */
  readonly wireNote?: string;
  /** what an idle connection of it sends by default, and how often: a window shorter than this cannot see it */
  readonly heartbeat?: { readonly what: string; readonly seconds: number };
  /** the transport whose files this one reuses with other options (a variant), if any */
  readonly variantOf?: string;
  /**
   * the transport the report compares it with, where it is not a variant but one layer of another
   * (engineio under socketio); a variant is compared with its base
   */
  readonly comparedWith?: string;
  /**
   * environment variables its server and load processes run with: how a library is configured where it
   * reads its environment (ws's WS_NO_BUFFER_UTIL), so that what runs is what its users get
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * why its server or client cannot run on a runtime (Bun.serve exists only on Bun, a global WebSocket
   * only from Node 22), or undefined where it can; absent: it runs on every runtime
   */
  readonly unsupportedOn?: (runtime: RuntimeFacts) => string | undefined;
  /**
   * why the server's socket counters miss its bytes on a runtime where it runs (then its wire-byte
   * figures are left out, with a warning, never reported as what was counted); absent: counted everywhere
   */
  readonly bytesUncountedOn?: (runtime: RuntimeFacts) => string | undefined;
  /** why the default run leaves it out (it runs when named): a variant, a cluster that needs a service */
  readonly notByDefault?: string;
}

/** The identity function, typed: a descriptor file reads `export default defineTransport({...})`. */
export function defineTransport(descriptor: TransportDescriptor): TransportDescriptor {
  return descriptor;
}

/**
 * A variant: the same files as its base, with what differs (its options, by new server or client
 * loaders) and its own name and description. Everything it does not name is the base's.
 */
export function defineVariant(
  base: TransportDescriptor,
  changes: Pick<TransportDescriptor, 'name' | 'description'> & Partial<Omit<TransportDescriptor, 'variantOf'>>,
): TransportDescriptor {
  // a load client speaks its base's protocol exactly: a variant (another parser, recovery's offsets) names its own
  const { loadClient: _baseOnly, ...inherited } = base;
  return { ...inherited, ...changes, variantOf: base.name };
}
