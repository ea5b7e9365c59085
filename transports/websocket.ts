import { RETRY_FIRST_MS } from '../clients/backoff.ts';
import { defineTransport } from './descriptor.ts';

export default defineTransport({
  name: 'websocket',
  description: 'one WebSocket: WebSocket-Node on both sides (fragments messages over 16 KiB by default)',
  server: async () => (await import('../servers/websocket.ts')).create,
  client: async () => (await import('../clients/websocket.ts')).connect,
  // WebSocket-Node has no cluster support of its own: its broadcastUTF reaches one worker's connections,
  // and the suite's relay through the primary reaches the rest, as for ws
  nodeCluster: { how: 'node:cluster workers sharing one port; a broadcast goes to the other workers through the primary over IPC' },
  socketsPerConnection: 1,
  binaryMessages: true,
  wire: { kind: 'websocket-frames', messages: 'envelope' },
  micro: async () => (await import('./micro/websocket-cases.ts')).WEBSOCKET_NODE_CASES,
  packages: ['websocket', 'bufferutil', 'utf-8-validate'],
  browser: { connector: 'WebSocket', http: false },
  // WebSocket-Node's default keepaliveInterval (20,000 ms)
  heartbeat: { what: 'a keep-alive ping', seconds: 20 },
  broadcast: "WebSocket-Node's `broadcastUTF`",
  recovery: `reopens after ${RETRY_FIRST_MS} ms through the suite's own reconnect (a new connection: the server has nothing to replay)`,
});
