import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

/** Node publishes every TCP socket a client opens here, whatever library opened it (ws, undici's fetch under EventSource, http). */
const CLIENT_SOCKETS = 'net.client.socket';

/**
 * The bytes every TCP socket of this (load) process moved, counted on the client's side: for a server
 * the user wrote, whose own counters cannot be read. On loopback both ends of a connection see the same
 * bytes, so what the load sent is what the server read. Nothing per message: a socket's counters are
 * read at the window's marks, and once more when it closes.
 */
export class ClientSocketBytes {
  readonly #open = new Set<Socket>();
  #closedRead = 0;
  #closedWritten = 0;
  #startRead = 0;
  #startWritten = 0;
  window: { up: number; down: number } | undefined;

  readonly #onSocket = (message: unknown): void => {
    const { socket } = message as { socket: Socket };
    this.#open.add(socket);
    socket.once('close', () => {
      this.#closedRead += socket.bytesRead;
      this.#closedWritten += socket.bytesWritten;
      this.#open.delete(socket);
    });
  };

  constructor() {
    subscribe(CLIENT_SOCKETS, this.#onSocket);
  }

  #totals(): { read: number; written: number } {
    let read = this.#closedRead;
    let written = this.#closedWritten;
    for (const socket of this.#open) {
      read += socket.bytesRead;
      written += socket.bytesWritten;
    }
    return { read, written };
  }

  /** The measured window starts: what came before (connecting, warm-up) is not in it. */
  start(): void {
    const { read, written } = this.#totals();
    this.#startRead = read;
    this.#startWritten = written;
  }

  end(): void {
    const { read, written } = this.#totals();
    this.window = { up: written - this.#startWritten, down: read - this.#startRead };
  }

  stop(): void {
    unsubscribe(CLIENT_SOCKETS, this.#onSocket);
  }
}
