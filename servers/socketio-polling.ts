import type { Hub } from './hub.ts';
import { createSocketIo } from './socketio-server.ts';
import type { ServerTransport } from './transport.ts';

/** `socketio-polling`: socket.io over engine.io's HTTP long-polling fallback only. */
export function create(hub: Hub): ServerTransport {
  return createSocketIo(hub, 'polling');
}
