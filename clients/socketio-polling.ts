import { connectSocketIo } from './socketio-client.ts';
import type { ClientConnection, ClientOptions, ClientTraits } from './transport.ts';

/** `socketio-polling`: socket.io-client over HTTP long-polling only. */
export function connect(options: ClientOptions): Promise<ClientConnection> {
  return connectSocketIo(options, 'polling');
}

/** a held poll, and a second request now and then (a send, a pong) on a connection of its own */
export const traits: ClientTraits = { socketsPerConnection: 2 };
