import type { Server, Socket } from 'node:net';

export interface ByteCounts {
  /** bytes the server read from its sockets: what clients sent upstream */
  bytesRead: number;
  /** bytes the server wrote to its sockets: what went downstream */
  bytesWritten: number;
  connectionsAccepted: number;
  connectionsOpen: number;
}

/**
 * Counts the bytes of every TCP connection a server accepts, whatever rides on it (WebSocket upgrade,
 * long-poll request, SSE stream, socket.io polling). Written once for every transport: each one only
 * hands over its listening server, so no transport can under-count its own cost.
 */
export class ByteMeter {
  readonly #live = new Set<Socket>();
  #closedRead = 0;
  #closedWritten = 0;
  #accepted = 0;
  #baseline: ByteCounts = { bytesRead: 0, bytesWritten: 0, connectionsAccepted: 0, connectionsOpen: 0 };

  attach(server: Server): void {
    server.on('connection', (socket: Socket) => this.#track(socket));
  }

  #track(socket: Socket): void {
    this.#accepted++;
    this.#live.add(socket);
    socket.once('close', () => {
      this.#closedRead += socket.bytesRead;
      this.#closedWritten += socket.bytesWritten;
      this.#live.delete(socket);
    });
  }

  #absolute(): ByteCounts {
    let bytesRead = this.#closedRead;
    let bytesWritten = this.#closedWritten;
    for (const s of this.#live) {
      bytesRead += s.bytesRead;
      bytesWritten += s.bytesWritten;
    }
    return { bytesRead, bytesWritten, connectionsAccepted: this.#accepted, connectionsOpen: this.#live.size };
  }

  /** Counts since the last reset (open connections are a level, not a count, and are not reset). */
  read(): ByteCounts {
    const now = this.#absolute();
    return {
      bytesRead: now.bytesRead - this.#baseline.bytesRead,
      bytesWritten: now.bytesWritten - this.#baseline.bytesWritten,
      connectionsAccepted: now.connectionsAccepted - this.#baseline.connectionsAccepted,
      connectionsOpen: now.connectionsOpen,
    };
  }

  reset(): void {
    this.#baseline = this.#absolute();
  }
}
