import { MESSAGE_KINDS, binaryKindOf, decode, decodePushBody, encodePadded, kindOf, nowUs } from '../protocol/envelope.ts';
import { DEFAULT_LIMITS, type ServerLimits } from './limits.ts';

/** A paused push looks again after this long: short enough to keep a fast reader busy. */
const PUSH_RESUME_MS = 1;

/** A message as a transport carries it: text, or bytes where it has binary messages (--payload-kind binary). */
export type Message = string | Buffer;

/** One connected client as the hub sees it, whatever carries it. */
export interface Peer {
  send(text: string): void;
  /** sends a binary message; absent where the transport has none (a binary message to it is rejected) */
  sendBinary?(data: Buffer): void;
  /** bytes queued for this peer in the server and not yet taken by the kernel */
  buffered(): number;
  /** ends the connection at once; the adapter then calls hub.leave as for any other close */
  close(): void;
  /** the transport counts what it writes to this peer itself (Hub.countOut), so the hub must not */
  readonly countsOwnSends?: boolean;
}

/**
 * A library's own broadcast, where it has one (socket.io's io.emit, WebSocket-Node's broadcastUTF) or
 * where its documentation gives the pattern (ws: every open client of wss.clients): users broadcast so,
 * and the library may encode the message once for all. It sends to every peer of this process (and,
 * where its adapter spans a cluster, of the others) and returns how many it handed the message to here.
 */
export type Broadcaster = (message: Message) => number;

/**
 * Carries a broadcast to the hubs of the other server processes of a cluster (servers/relay.ts), which
 * hand it to their own peers with deliver(). Echo and push never leave the process they arrived at.
 */
export interface BroadcastRelay {
  publish(text: string): void;
}

/**
 * The one behaviour every server implements, written once so that every transport does the same work:
 * echo to the sender, broadcast to everyone, push a stream of N messages to the asker.
 * A transport adapter only turns its connections into Peers and hands their messages here.
 */
export class Hub {
  readonly #peers = new Set<Peer>();
  messagesIn = 0;
  messagesOut = 0;
  /** messages that were not envelopes of ours, or asked for too much: counted, never evaluated */
  rejected = 0;
  /** peers disconnected because they stopped reading (see ServerLimits.maxBufferedBytes) */
  evicted = 0;

  /** set by a transport whose server runs as several processes; absent, this process is the whole room */
  relay: BroadcastRelay | undefined;
  /**
   * set by a transport whose library broadcasts by itself: then a broadcast is the library's, not the
   * hub's send to each peer; the slow-reader policy (servers/limits.ts) is still applied after it
   */
  broadcaster: Broadcaster | undefined;

  constructor(readonly limits: ServerLimits = DEFAULT_LIMITS) {}

  /** Sends a broadcast to this process's peers only: one that arrived here, or one relayed from another process. */
  deliver(message: Message): void {
    if (this.broadcaster) {
      // read after the call: a library that counts its own writes (countOut) does so while it runs
      const sent = this.broadcaster(message);
      this.messagesOut += sent;
      // the library sent it to everyone; a peer that stopped reading is still disconnected past the limit
      for (const p of this.#peers) if (p.buffered() > this.limits.maxBufferedBytes) this.#evict(p);
      return;
    }
    for (const p of this.#peers) this.#send(p, message);
  }

  /** Counts messages a transport wrote by itself (a library's broadcast reaching this process's sockets). */
  countOut(messages: number): void {
    this.messagesOut += messages;
  }

  join(peer: Peer): void {
    this.#peers.add(peer);
  }

  leave(peer: Peer): void {
    this.#peers.delete(peer);
  }

  get size(): number {
    return this.#peers.size;
  }

  receive(peer: Peer, message: Message): void {
    // the rest of a batch from a peer already evicted or gone: nothing to answer
    if (!this.#peers.has(peer)) return;
    this.messagesIn++;
    switch (typeof message === 'string' ? kindOf(message) : binaryKindOf(message)) {
      case MESSAGE_KINDS.echo:
        this.#send(peer, message);
        return;
      case MESSAGE_KINDS.broadcast:
        // this process's peers first, as a lone server would; then the other processes, if any (the
        // relay carries text: a binary broadcast stays in its process unless the library's adapter carries it)
        this.deliver(message);
        if (typeof message === 'string') this.relay?.publish(message);
        return;
      case MESSAGE_KINDS.pushRequest:
        if (typeof message === 'string') this.#push(peer, message);
        else this.rejected++;
        return;
      default:
        this.rejected++;
    }
  }

  /** Sends, then disconnects a peer that lets its backlog grow past the limit; false when it did. */
  #send(peer: Peer, message: Message): boolean {
    if (typeof message !== 'string' && !peer.sendBinary) {
      this.rejected++;
      return true;
    }
    if (!peer.countsOwnSends) this.messagesOut++;
    if (typeof message === 'string') peer.send(message);
    else peer.sendBinary?.(message);
    if (peer.buffered() <= this.limits.maxBufferedBytes) return true;
    this.#evict(peer);
    return false;
  }

  #evict(peer: Peer): void {
    this.evicted++;
    this.leave(peer);
    peer.close();
  }

  #push(peer: Peer, text: string): void {
    const request = decode(text);
    const shape = request && decodePushBody(request.body);
    const { maxPushMessages, maxPushBytes, maxMessageBytes } = this.limits;
    // one short request must not make the server build gigabytes: refuse what no scenario asks for
    if (!request || !shape || shape.count > maxPushMessages || shape.size > maxMessageBytes || shape.count * shape.size > maxPushBytes) {
      this.rejected++;
      return;
    }
    // the stream is named after the request so a client can tell concurrent streams apart
    const stream = `s${request.seq}`;
    let seq = 0;
    // as fast as backpressure allows: write while the peer's backlog is under the high-water mark, pause
    // above it and try again shortly, so a long stream never sits whole in the server's memory
    const pump = (): void => {
      try {
        while (seq < shape.count) {
          if (!this.#peers.has(peer)) return; // the peer left or was evicted: the stream ends with it
          if (peer.buffered() > this.limits.pushHighWaterBytes) {
            setTimeout(pump, PUSH_RESUME_MS);
            return;
          }
          const message = encodePadded({ kind: MESSAGE_KINDS.data, sender: stream, seq: seq++, sentUs: nowUs() }, shape.size);
          if (!this.#send(peer, message)) return;
        }
      } catch (error) {
        // a size too small for the header: the asker's mistake, not a reason for the server to die
        if (!(error instanceof RangeError)) throw error;
        this.rejected++;
      }
    };
    pump();
  }
}
