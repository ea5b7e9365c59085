import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { BroadcastRelay, Hub } from './hub.ts';

/**
 * The environment variable that carries a service's address to a server process, e.g.
 * WIREBENCH_REDIS_URL=redis://127.0.0.1:6390 (set by the orchestrator, or by hand for `npm run serve`).
 */
export function serviceEnv(service: string): string {
  return `WIREBENCH_${service.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
}

export function serviceUrl(service: string): string | undefined {
  return process.env[serviceEnv(service)] || undefined;
}

/** How long connecting to Redis may take before the server's start fails. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * A publishing and a subscribing Redis connection (a subscribed connection can do nothing else), set to
 * fail fast when Redis is not there rather than retry forever, their errors kept: an unhandled 'error'
 * event would end the process.
 */
export class RedisPair {
  readonly pub: Redis;
  readonly sub: Redis;
  readonly #errors: Error[] = [];

  constructor(readonly url: string) {
    const options = { connectTimeout: CONNECT_TIMEOUT_MS, maxRetriesPerRequest: 1 };
    this.pub = new Redis(url, options).on('error', (e: Error) => this.#errors.push(e));
    this.sub = new Redis(url, options).on('error', (e: Error) => this.#errors.push(e));
  }

  /**
   * Resolves once both connections work and `subscribed` (the subscriptions the relay needs) is done:
   * a broadcast published before that would be missed by this process.
   */
  async ready(subscribed: Promise<unknown>): Promise<void> {
    await Promise.all([subscribed, this.pub.ping()]).catch((error: Error) => {
      throw new Error(`redis at ${this.url}: ${this.#errors[0]?.message ?? error.message}`);
    });
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
    this.pub.disconnect();
    this.sub.disconnect();
  }
}

/** The channel the ws-redis processes share: one room, as the hub has. */
const CHANNEL = 'wirebench:broadcast';
/** Each process tags what it publishes, so that it can skip its own broadcasts when Redis hands them back. */
const ORIGIN_BYTES = 6;

export interface RedisRelay extends BroadcastRelay {
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Plain Redis pub/sub between hubs, as people fan WebSocket messages out across processes by hand: every
 * broadcast is published once on one channel and every other process delivers it to its own peers. A
 * process skips its own broadcasts coming back: its hub delivered them locally already (Hub.receive).
 */
export function redisPubSubRelay(hub: Hub, url: string): RedisRelay {
  // every origin tag has the same length, so one slice strips any process's tag
  const prefix = `${randomBytes(ORIGIN_BYTES).toString('hex')}|`;
  const redis = new RedisPair(url);
  redis.sub.on('message', (_channel: string, message: string) => {
    if (!message.startsWith(prefix)) hub.deliver(message.slice(prefix.length));
  });
  const subscribed = redis.sub.subscribe(CHANNEL);
  return {
    // a failed publish surfaces as missing deliveries, which every scenario counts
    publish: (text) => void redis.pub.publish(CHANNEL, prefix + text).catch(() => undefined),
    ready: () => redis.ready(subscribed),
    close: () => redis.close(),
  };
}
