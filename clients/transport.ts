/** Where a client connects and what it does with what arrives. */
export interface ClientOptions {
  host: string;
  port: number;
  /** called once for every message the server sends to this connection, in arrival order */
  onMessage(text: string): void;
}

/** A transport's client side: one logical connection, whatever sockets it takes. */
export interface ClientConnection {
  /** Sends one text message; order is kept per connection. */
  send(text: string): void;
  /** Closes every socket of this connection and resolves when they are closed. */
  close(): Promise<void>;
}

/** Resolves once the server has accepted the connection and a message sent now would be delivered. */
export type Connect = (options: ClientOptions) => Promise<ClientConnection>;

export interface ClientModule {
  connect: Connect;
}
