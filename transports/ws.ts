import { RETRY_FIRST_MS } from '../clients/backoff.ts';
import { defineTransport } from './descriptor.ts';

export default defineTransport({
  name: 'ws',
  description: 'one WebSocket: the ws library on both sides',
  server: async () => (await import('../servers/ws.ts')).create,
  client: async () => (await import('../clients/ws.ts')).connect,
  socketsPerConnection: 1,
  wire: { kind: 'websocket-frames', messages: 'envelope' },
  micro: async () => (await import('./micro/websocket-cases.ts')).WS_CASES,
  packages: ['ws', 'bufferutil', 'utf-8-validate'],
  browser: { connector: 'WebSocket', http: false },
  broadcast: "every open client of `wss.clients` (ws has no broadcast of its own; its README's pattern)",
  recovery: `reopens after ${RETRY_FIRST_MS} ms through the suite's own reconnect (a new connection: the server has nothing to replay)`,
});
