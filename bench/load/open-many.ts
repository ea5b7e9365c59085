import type { ClientConnection } from '../../clients/transport.ts';

/** Connections opened at once at the most: a thousand simultaneous handshakes would measure the SYN queue. */
const CONNECT_CONCURRENCY = 50;

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
