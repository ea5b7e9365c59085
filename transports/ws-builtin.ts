import { defineVariant } from './descriptor.ts';
import ws from './ws.ts';

/**
 * ws's server driven by the runtime's built-in WHATWG WebSocket client instead of ws's: what a script
 * written for browsers meets on the server side, and the client Node ships (undici) without a package.
 */
export default defineVariant(ws, {
  name: 'ws-builtin',
  description: "the ws server, the runtime's built-in WebSocket client (undici in Node 22+, Bun's own in Bun)",
  client: async () => (await import('../clients/ws-builtin.ts')).connect,
  // its client sends text only (clients/ws-builtin.ts has no sendBinary)
  binaryMessages: false,
  recovery: "reopens through the suite's own reconnect; the built-in client cannot drop a connection without its close handshake (the WHATWG API has no way to)",
  unsupportedOn: (runtime) =>
    runtime.kind === 'node' && runtime.major < 22 ? `Node ${runtime.major} has a global WebSocket only behind --experimental-websocket (Node 22 and newer: without a flag)` : undefined,
  notByDefault: 'a variant of ws (its client), run when named',
});
