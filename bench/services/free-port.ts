import { createServer, type AddressInfo } from 'node:net';

/**
 * A port free on `host` right now: the kernel picks it for a listener we close at once. A program that
 * cannot bind port 0 itself (redis-server) is then started on it; the short race with another process
 * taking the port in between fails that start loudly, it never measures the wrong thing.
 */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
