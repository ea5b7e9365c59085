/**
 * The load process's own memory, after a full collection, so that what the client side of a
 * transport holds per connection can be read as the server's is (idle). Load processes run with
 * --expose-gc (run/point-runner.ts); Bun's collector is Bun.gc(true), the same full collection.
 */
export interface ProcessMemory {
  heapBytes: number;
  rssBytes: number;
}

interface BunGlobal {
  Bun?: { gc(force: boolean): void };
}

export function clientMemory(): ProcessMemory {
  const bun = (globalThis as BunGlobal).Bun;
  if (bun) bun.gc(true);
  else globalThis.gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapBytes: heapUsed, rssBytes: rss };
}
