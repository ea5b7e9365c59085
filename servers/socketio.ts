import type { Hub } from './hub.ts';
import { createSocketIo } from './socketio-server.ts';
import type { ServerTransport } from './transport.ts';

/** `socketio`: socket.io over its WebSocket transport only. */
export function create(hub: Hub): ServerTransport {
  return createSocketIo(hub, 'websocket');
}
