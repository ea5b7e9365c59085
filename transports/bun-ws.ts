import { RETRY_FIRST_MS } from '../clients/backoff.ts';
import { defineTransport } from './descriptor.ts';
import ws from './ws.ts';

/**
 * Bun's built-in WebSocket server (Bun.serve, uWebSockets inside), the suite's hub behind it, loaded by
 * ws's client as `ws` is: the same client against another server. Runs only on Bun.
 */
export default defineTransport({
  name: 'bun-ws',
  description: "Bun.serve's built-in WebSocket server (uWebSockets), the ws client; only on --runtimes bun",
  server: async () => (await import('../servers/bun-ws.ts')).create,
  client: ws.client,
  socketsPerConnection: 1,
  wire: { kind: 'websocket-frames', messages: 'envelope' },
  packages: ['ws'],
  env: ws.env ?? {},
  broadcast: "`server.publish('room', text)`: every connection subscribes on open (Bun's pub/sub, its docs' chat pattern)",
  recovery: `reopens after ${RETRY_FIRST_MS} ms through the suite's own reconnect (a new connection: the server has nothing to replay)`,
  wireNote: 'bytes counted from frame sizes (RFC 6455) and the handshake, since Bun gives no socket byte counts; no capture for the breakdown by part',
  heartbeat: { what: 'a ping from Bun.serve when a connection idles (sendPings, idleTimeout 120 s)', seconds: 120 },
  unsupportedOn: (runtime) => (runtime.kind === 'bun' ? undefined : 'Bun.serve exists only on Bun'),
  notByDefault: 'runs only on Bun: name it with --runtimes bun',
});
