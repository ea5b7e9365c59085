import { RETRY_FIRST_MS } from '../clients/backoff.ts';
import { defineTransport, uncountedOnBunHttp } from './descriptor.ts';

/** ws skips its optional native add-ons when these are set (ws/lib/buffer-util.js, validation.js). */
export const WITHOUT_WS_ADDONS = { WS_NO_BUFFER_UTIL: '1', WS_NO_UTF_8_VALIDATE: '1' };

export default defineTransport({
  name: 'ws',
  description: 'one WebSocket: the ws library on both sides',
  server: async () => (await import('../servers/ws.ts')).create,
  client: async () => (await import('../clients/ws.ts')).connect,
  bytesUncountedOn: uncountedOnBunHttp,
  socketsPerConnection: 1,
  binaryMessages: true,
  wire: { kind: 'websocket-frames', messages: 'envelope' },
  micro: async () => (await import('./micro/websocket-cases.ts')).WS_CASES,
  packages: ['ws', 'bufferutil', 'utf-8-validate'],
  // what `npm i ws` gives: its native add-ons are optional peers, not installed with it (ws-native has them);
  // they are in node_modules here only because WebSocket-Node depends on them
  env: WITHOUT_WS_ADDONS,
  browser: { connector: 'WebSocket', http: false },
  broadcast: "every open client of `wss.clients` (ws has no broadcast of its own; its README's pattern)",
  recovery: `reopens after ${RETRY_FIRST_MS} ms through the suite's own reconnect (a new connection: the server has nothing to replay)`,
});
