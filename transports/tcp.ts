import { defineTransport } from './descriptor.ts';

/** The floor: no HTTP, no framing beyond one newline a message. */
export default defineTransport({
  name: 'tcp',
  description: 'the floor: node:net, one newline per message, no HTTP',
  server: async () => (await import('../servers/tcp.ts')).create,
  client: async () => (await import('../clients/tcp.ts')).connect,
  socketsPerConnection: 1,
  wire: { kind: 'lines' },
  micro: async () => (await import('./micro/text-cases.ts')).LINE_CASES,
  packages: [],
  broadcast: "the server's own loop over its connections (hand-built)",
  recovery: 'raw TCP does not recover',
});
