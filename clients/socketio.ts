import { connectSocketIo } from './socketio-client.ts';
import type { ClientConnection, ClientOptions } from './transport.ts';

/** `socketio`: socket.io-client over the WebSocket transport only. */
export function connect(options: ClientOptions): Promise<ClientConnection> {
  return connectSocketIo(options, 'websocket');
}
