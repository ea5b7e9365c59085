import { REPLAY_EVENTS } from '../servers/sse-replay.ts';
import { defineTransport, uncountedOnBunHttp } from './descriptor.ts';

export default defineTransport({
  name: 'sse',
  description: 'Server-Sent Events down (text/event-stream with event ids and Last-Event-ID replay), a POST per message up',
  server: async () => (await import('../servers/sse.ts')).create,
  client: async () => (await import('../clients/sse.ts')).connect,
  // the event stream, and a keep-alive upstream channel once the connection has sent a message
  bytesUncountedOn: uncountedOnBunHttp,
  // past one process's open files: node:cluster workers, each client pinned to one worker by its address
  // (its event stream and its POSTs must meet in one process), broadcasts through the primary
  nodeCluster: {
    how: 'node:cluster workers behind sticky sessions by client address (the primary hands each connection to its address\'s worker, as sticky-session does); a broadcast goes to the other workers through the primary over IPC',
    sticky: 'source-address',
  },
  socketsPerConnection: 2,
  wire: { kind: 'hand-built-http', down: 'event-stream' },
  micro: async () => (await import('./micro/text-cases.ts')).EVENT_STREAM_CASES,
  packages: ['eventsource', 'undici'],
  browser: { connector: 'EventSource', http: true },
  // 3 s: the eventsource package's default retry, which the server does not change with `retry:`
  broadcast: "the server's own loop over its event streams (hand-built)",
  recovery: `EventSource asks again after 3 s and resumes with Last-Event-ID (the server keeps the last ${REPLAY_EVENTS} events of each client and replays them)`,
});
