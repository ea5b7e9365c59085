import { defineTransport } from './descriptor.ts';

export default defineTransport({
  name: 'sse',
  description: 'Server-Sent Events down (text/event-stream with event ids and Last-Event-ID replay), a POST per message up',
  server: async () => (await import('../servers/sse.ts')).create,
  client: async () => (await import('../clients/sse.ts')).connect,
  socketsPerConnection: 1,
  wire: { kind: 'hand-built-http', down: 'event-stream' },
  micro: async () => (await import('./micro/text-cases.ts')).EVENT_STREAM_CASES,
  packages: ['eventsource'],
  browser: { connector: 'EventSource', http: true },
  recovery: 'EventSource asks again after 3 s and resumes with Last-Event-ID (the server keeps the last 256 events of each client and replays them)',
});
