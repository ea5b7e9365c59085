/** Where a client connects and what it does with what arrives. */
export interface ClientOptions {
  host: string;
  port: number;
  /**
   * where on the server, for a server the user wrote (--target URL): the WebSocket URL's path,
   * socket.io's `path` option, the prefix of the SSE routes. Absent: the suite's own server's.
   */
  path?: string;
  /**
   * called once for every message the server sends to this connection, in arrival order; a binary
   * message only with `binary`, as its bytes in a latin1 string (the envelope's ASCII header stays readable)
   */
  onMessage(text: string): void;
  /** hand binary messages to onMessage too (--payload-kind binary); absent: they are ignored, not ours */
  binary?: boolean;
  /**
   * Reopen the connection after an unexpected loss, where the transport has no recovery of its own
   * (ws, websocket, longpoll, polling: added by the suite, off unless asked so that no other scenario
   * sees a retry). socket.io-client and EventSource recover by themselves, as their libraries default.
   */
  reconnect?: boolean;
  /** called each time the connection is usable again after a loss (not for the first connect) */
  onReconnect?(): void;
}

/**
 * A binary message's bytes as a latin1 string (one character a byte), for onMessage; engine.io's Node
 * client hands over a Buffer or an ArrayBuffer as its binaryType says. Anything else reads as ''.
 */
export function latin1Of(data: unknown): string {
  if (Buffer.isBuffer(data)) return data.toString('latin1');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('latin1');
  return '';
}

/** A transport's client side: one logical connection, whatever sockets it takes. */
export interface ClientConnection {
  /** Sends one text message; order is kept per connection. */
  send(text: string): void;
  /** Sends one binary message, where the transport has them (its descriptor's binaryMessages) */
  sendBinary?(data: Buffer): void;
  /** Closes every socket of this connection and resolves when they are closed. */
  close(): Promise<void>;
  /**
   * Ends every socket of the connection at once, with no close handshake, as a network failure would;
   * the transport's recovery (if any) then starts as for any other loss. Absent: not supported.
   */
  drop?(): void;
}

/** Resolves once the server has accepted the connection and a message sent now would be delivered. */
export type Connect = (options: ClientOptions) => Promise<ClientConnection>;

