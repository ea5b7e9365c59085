import { MESSAGE_KINDS, decode, decodePushBody, encodePadded, kindOf, nowUs } from '../protocol/envelope.ts';

/** One connected client as the hub sees it, whatever carries it. */
export interface Peer {
  send(text: string): void;
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
  /** messages that were not envelopes of ours: counted, never evaluated */
  rejected = 0;

  join(peer: Peer): void {
    this.#peers.add(peer);
  }

  leave(peer: Peer): void {
    this.#peers.delete(peer);
  }

  get size(): number {
    return this.#peers.size;
  }

  receive(peer: Peer, text: string): void {
    this.messagesIn++;
    switch (kindOf(text)) {
      case MESSAGE_KINDS.echo:
        this.#send(peer, text);
        return;
      case MESSAGE_KINDS.broadcast:
        for (const p of this.#peers) this.#send(p, text);
        return;
      case MESSAGE_KINDS.pushRequest:
        this.#push(peer, text);
        return;
      default:
        this.rejected++;
    }
  }

  #send(peer: Peer, text: string): void {
    this.messagesOut++;
    peer.send(text);
  }

  #push(peer: Peer, text: string): void {
    const request = decode(text);
    const shape = request && decodePushBody(request.body);
    if (!request || !shape) {
      this.rejected++;
      return;
    }
    // the stream is named after the request so a client can tell concurrent streams apart
    const stream = `s${request.seq}`;
    for (let seq = 0; seq < shape.count; seq++) {
      this.#send(peer, encodePadded({ kind: MESSAGE_KINDS.data, sender: stream, seq, sentUs: nowUs() }, shape.size));
    }
  }
}
