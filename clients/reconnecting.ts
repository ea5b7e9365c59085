import { Backoff } from './backoff.ts';
import type { ClientConnection, ClientOptions } from './transport.ts';

/** One live socket of a connection that the suite reopens after a loss. */
export interface Link {
  send(text: string): void;
  sendBinary?(data: Buffer): void;
  close(): Promise<void>;
  /** destroys the socket, no close handshake; absent where the client's API cannot (the WHATWG WebSocket) */
  drop?(): void;
}

/** Opens a link; `onLost` is called once if the link ends without close() having been asked. */
export type OpenLink = (onLost: () => void) => Promise<Link>;

/**
 * A connection over links opened one after another: with options.reconnect, a lost link is replaced
 * (see Backoff) and onReconnect called; without it, a lost link stays lost, as the library leaves it.
 * The server of a new link knows nothing of the old one, so whatever was sent in the gap is gone.
 */
export async function reconnecting(open: OpenLink, options: ClientOptions): Promise<ClientConnection> {
  const backoff = new Backoff();
  let closing = false;
  let timer: NodeJS.Timeout | undefined;

  const retry = () => {
    if (closing || !options.reconnect) return;
    timer = setTimeout(() => {
      open(retry).then(
        (next) => {
          if (closing) return void next.close();
          link = next;
          backoff.reset();
          options.onReconnect?.();
        },
        retry,
      );
    }, backoff.take());
  };

  let link = await open(retry);
  return {
    send: (text) => link.send(text),
    sendBinary: (data) => link.sendBinary?.(data),
    close: async () => {
      closing = true;
      clearTimeout(timer);
      await link.close();
    },
    // the first link says whether the client can drop at all: every later one is the same client
    ...(link.drop ? { drop: () => link.drop?.() } : {}),
  };
}
