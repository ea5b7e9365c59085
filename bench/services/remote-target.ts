import { get } from 'node:http';
import type { FromServer, ServerStats, ToServer } from '../../protocol/control.ts';
import { GC_PATH, STATS_PATH } from '../../servers/stats-endpoint.ts';
import { WirebenchError } from '../errors.ts';
import type { ServerSide } from './server-side.ts';
import { combineReplies } from './server-side.ts';
import type { Target } from '../run/target.ts';

/** GETs a path of a target's stats endpoint: a fresh connection each time (agent: false), JSON back. */
function getJson(host: string, port: number, path: string, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = get({ host, port, path, agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`${path} answered ${res.statusCode}`));
        try {
          resolve(JSON.parse(body));
        } catch {
          reject(new Error(`${path} answered no JSON`));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${path}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/**
 * Servers started elsewhere with `npm run serve`, as the server side of every point: nothing is started
 * or stopped here, and marks read each server's stats endpoint (servers/stats-endpoint.ts) instead of
 * asking over IPC, so byte and server-cost figures are the serve process's own. Capture windows need a
 * server of our own and are refused. The servers live on between points: their counters are only ever
 * read as differences between two marks, so what came before a point does not count in it.
 */
export class RemoteTarget implements ServerSide {
  readonly exited = new Promise<unknown>(() => {});

  constructor(private readonly target: Target) {}

  async start(timeoutMs: number): Promise<{ host: string; ports: number[] }> {
    const { host, ports } = this.target;
    // reached before the load starts, so that a wrong address or a server without the endpoint fails at once
    await this.#stats(timeoutMs).catch((error: Error) => {
      throw new WirebenchError('WB_SERVER', `target ${host}:${ports.join(',')} has no stats endpoint at ${STATS_PATH} (is it \`npm run serve\`?): ${error.message}`);
    });
    return { host, ports };
  }

  async #stats(timeoutMs: number): Promise<ServerStats[]> {
    const { host, ports } = this.target;
    return (await Promise.all(ports.map((port) => getJson(host, port, STATS_PATH, timeoutMs)))) as ServerStats[];
  }

  async request<T extends FromServer>(message: { t: ToServer['t'] }, timeoutMs: number): Promise<T> {
    const { host, ports } = this.target;
    switch (message.t) {
      case 'wb:stats':
        return combineReplies((await this.#stats(timeoutMs)).map((stats) => ({ t: 'wb:stats', id: 0, stats }) as T));
      case 'wb:gc':
        await Promise.all(ports.map((port) => getJson(host, port, GC_PATH, timeoutMs)));
        return { t: 'wb:gc', id: 0 } as T;
      default:
        throw new Error(`'${message.t}' needs a server of the suite's own: not available with --target`);
    }
  }

  describeExit(): string {
    return 'is remote';
  }

  async stop(): Promise<void> {}
}
