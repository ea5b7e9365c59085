import { RETRY_FIRST_MS } from '../clients/backoff.ts';
import { POLL_HOLD_MS } from '../servers/longpoll-hold.ts';
import { defineTransport, uncountedOnBunHttp } from './descriptor.ts';

export default defineTransport({
  name: 'longpoll',
  description: 'node:http built by hand as in the classic tutorial: a GET held until there is news, a POST per message up',
  server: async () => (await import('../servers/longpoll.ts')).create,
  client: async () => (await import('../clients/longpoll.ts')).connect,
  // a held poll downstream, a keep-alive channel upstream
  bytesUncountedOn: uncountedOnBunHttp,
  // past one process's open files: node:cluster workers, each client pinned to one worker by its address
  // (its queue, its polls and its POSTs must meet in one process), broadcasts through the primary
  nodeCluster: {
    how: 'node:cluster workers behind sticky sessions by client address (the primary hands each connection to its address\'s worker, as sticky-session does); a broadcast goes to the other workers through the primary over IPC',
    sticky: 'source-address',
  },
  socketsPerConnection: 2,
  wire: { kind: 'hand-built-http', down: 'json-batch' },
  micro: async () => (await import('./micro/text-cases.ts')).JSON_BATCH_CASES,
  packages: [],
  browser: { connector: 'long-poll', http: true },
  broadcast: "the server's own loop over its clients' queues (hand-built)",
  recovery: `asks again after ${RETRY_FIRST_MS} ms (the server kept its queue)`,
  heartbeat: { what: 'an empty answer to a held poll', seconds: POLL_HOLD_MS / 1000 },
});
