import { RETRY_FIRST_MS } from '../clients/backoff.ts';
import { POLL_INTERVAL_MS } from '../clients/polling.ts';
import { defineTransport, uncountedOnBunHttp } from './descriptor.ts';

export default defineTransport({
  name: 'polling',
  description: `node:http by hand: a GET every ${POLL_INTERVAL_MS} ms answered at once, a POST per message up`,
  server: async () => (await import('../servers/polling.ts')).create,
  client: async () => (await import('../clients/polling.ts')).connect,
  // a polling channel downstream, a keep-alive channel upstream
  bytesUncountedOn: uncountedOnBunHttp,
  socketsPerConnection: 2,
  pollIntervalMs: POLL_INTERVAL_MS,
  wire: { kind: 'hand-built-http', down: 'json-batch' },
  // the same JSON batches as longpoll: its rows say what they cost
  packages: [],
  browser: { connector: 'short-poll', http: true },
  broadcast: "the server's own loop over its clients' queues (hand-built)",
  recovery: `asks again after ${RETRY_FIRST_MS} ms (the server kept its queue)`,
  heartbeat: { what: 'a poll', seconds: POLL_INTERVAL_MS / 1000 },
  wireNote:
    `a message waits for the next poll (every ${POLL_INTERVAL_MS} ms) and the echo loop sends right after each answer, so each ` +
    'message rides exactly one poll here; its idle cost, every empty poll, is in the idle column',
});
