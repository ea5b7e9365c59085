import { connectSocketIo } from './socketio-client.ts';
import type { ClientConnection, ClientOptions } from './transport.ts';

/** `socketio-polling`: socket.io-client over HTTP long-polling only. */
export function connect(options: ClientOptions): Promise<ClientConnection> {
  return connectSocketIo(options, 'polling');
}
