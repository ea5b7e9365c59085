import { defineTransport } from './descriptor.ts';

export default defineTransport({
  name: 'longpoll',
  description: 'node:http built by hand as in the classic tutorial: a GET held until there is news, a POST per message up',
  server: async () => (await import('../servers/longpoll.ts')).create,
  client: async () => (await import('../clients/longpoll.ts')).connect,
  // a held poll downstream, a keep-alive channel upstream
  socketsPerConnection: 2,
  wire: { kind: 'hand-built-http', down: 'json-batch' },
  micro: async () => (await import('./micro/text-cases.ts')).JSON_BATCH_CASES,
  packages: [],
  browser: { connector: 'long-poll', http: true },
  recovery: 'asks again after 100 ms (the server kept its queue)',
});
