/**
 * Every limit a server puts on its peers, in one named block, so that every transport refuses the same
 * abuse at the same size and time. A server reads them from its Hub (`hub.limits`); tests pass smaller
 * ones to make abuse cheap to provoke.
 */
export interface ServerLimits {
  /** the largest envelope (one suite message, UTF-8) any transport accepts from a peer */
  readonly maxMessageBytes: number;
  /**
   * Room on top of maxMessageBytes for a transport's own envelope around ours (socket.io's
   * `42["message","…"]`), so that the largest envelope fits through every transport alike.
   */
  readonly framingAllowanceBytes: number;
  /**
   * Slow-reader policy: a peer whose unsent downstream bytes (in the server's buffers, not yet taken by
   * the kernel) exceed this after a send is disconnected. Disconnect, not drop: a dropped message would
   * be a silent hole in an ordered stream, a closed connection is a failure a client can see.
   * Keep it well above pushHighWaterBytes + maxMessageBytes, so that a push never trips it for a peer that reads.
   */
  readonly maxBufferedBytes: number;
  /** the most data messages one push request may ask for */
  readonly maxPushMessages: number;
  /** the most bytes (count × size) one push request may ask for: a bound on how long one request can keep the server busy */
  readonly maxPushBytes: number;
  /** a push pauses while its peer has more than this waiting, and resumes when the peer has read it */
  readonly pushHighWaterBytes: number;
  /** HTTP: the whole header block must arrive within this (slowloris) */
  readonly headersTimeoutMs: number;
  /** HTTP: the whole request, body included, must arrive within this */
  readonly requestTimeoutMs: number;
  /** HTTP: how long a kept-alive connection may wait for its client's next request */
  readonly keepAliveTimeoutMs: number;
  /** tcp: a line that has begun must end within this (slowloris without HTTP) */
  readonly lineTimeoutMs: number;
  /** tcp: a connection that sends nothing for this long is closed (TCP itself has no heartbeat) */
  readonly idleTimeoutMs: number;
  /** longpoll: a peer with no poll waiting for this long has gone away and is forgotten */
  readonly absentPeerMs: number;
  /** how often timeouts that no library enforces for us are checked */
  readonly sweepIntervalMs: number;
}

const MiB = 1024 * 1024;

/** The largest message the suite sends; the bench's --payload must not exceed it. */
export const MAX_MESSAGE_BYTES = 1 * MiB;

export const DEFAULT_LIMITS: ServerLimits = {
  maxMessageBytes: MAX_MESSAGE_BYTES,
  framingAllowanceBytes: 1024,
  // 32 MiB: far above what a paused push leaves queued, so only a peer that is not reading trips it
  maxBufferedBytes: 32 * MiB,
  maxPushMessages: 1_000_000,
  maxPushBytes: 256 * MiB,
  pushHighWaterBytes: 1 * MiB,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  // Node's 5 s closed a long-poll client's connection whenever the client took longer than that to read an
  // answer and ask again: after a broadcast to 50,000 here (load and server sharing two cores) they came
  // back up to 45 s later, all on new connections at once, whose first requests then waited in the
  // workers past headersTimeout: Node answered 38,142 polls 408 and those clients stopped. A browser
  // keeps an idle connection open for minutes; a connection that idles costs no bytes
  keepAliveTimeoutMs: 120_000,
  lineTimeoutMs: 10_000,
  // long enough for an idle-connection scenario to hold quiet connections, short enough to reap the dead
  idleTimeoutMs: 5 * 60_000,
  // a live client polls again within milliseconds of an answer; the hold itself is 25 s
  absentPeerMs: 30_000,
  sweepIntervalMs: 1_000,
};

/** The largest frame a transport with its own envelope around ours accepts. */
export function maxFrameBytes(limits: ServerLimits): number {
  return limits.maxMessageBytes + limits.framingAllowanceBytes;
}
