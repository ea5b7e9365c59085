import type { ClientConnection } from '../../clients/transport.ts';

/** Connections opened at once at the most: a thousand simultaneous handshakes would measure the SYN queue. */
const CONNECT_CONCURRENCY = 50;

/**
 * Runs `open` over `items`, at most CONNECT_CONCURRENCY at a time, for connections that open themselves
 * (load/open-loop.ts): 10,000 at once overflowed the listen queue here, and tcp's connects timed out.
 */
export async function openBounded<T>(items: readonly T[], open: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await open(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, items.length) }, worker));
}

/** Opens `count` connections, at most CONNECT_CONCURRENCY at a time; rejects on the first failure. */
export async function openMany(
  count: number,
  open: (index: number) => Promise<ClientConnection>,
): Promise<ClientConnection[]> {
  const conns: ClientConnection[] = new Array<ClientConnection>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      conns[i] = await open(i);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, count) }, worker));
  } catch (error) {
    await Promise.allSettled(conns.filter(Boolean).map((c) => c.close()));
    throw error;
  }
  return conns;
}
