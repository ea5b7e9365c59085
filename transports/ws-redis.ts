import { defineVariant } from './descriptor.ts';
import ws from './ws.ts';

/** ws, one server per process, broadcasts fanned out through Redis pub/sub: only the server side is a cluster. */
export default defineVariant(ws, {
  // its relay carries text between the processes: a binary broadcast would stay in one
  binaryMessages: false,
  name: 'ws-redis',
  description: 'two ws processes fanning out through Redis pub/sub: clients spread over both, broadcasts cross through Redis',
  server: async () => (await import('../servers/ws-redis.ts')).create,
  cluster: { processes: 2, services: ['redis'] },
  packages: [...ws.packages, 'ioredis'],
  broadcast: 'every open client of `wss.clients` here, and Redis pub/sub to the other process (hand-built, as ws leaves it to its users)',
  notByDefault: 'a cluster: it needs Redis',
  micro: undefined,
  browser: undefined,
});
