import { Agent, type ClientRequestArgs } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * An http.Agent that remembers the sockets it opened, upgraded ones included, so that a connection
 * whose library hides its sockets (socket.io-client) can still be dropped abruptly. keepAlive off and no
 * socket limit: what the library's XMLHttpRequest does without an agent (a new connection per request),
 * so passing this agent changes nothing on the wire.
 */
export class TrackingAgent extends Agent {
  readonly #open = new Set<Socket>();

  constructor() {
    super({ keepAlive: false });
  }

  override createConnection(options: ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const socket = super.createConnection(options, callback) as Socket | null | undefined;
    if (socket) {
      this.#open.add(socket);
      socket.once('close', () => this.#open.delete(socket));
    }
    return socket;
  }

  /** Destroys every socket still open: no close handshake of any layer. */
  dropAll(): void {
    for (const socket of this.#open) socket.destroy();
  }
}
