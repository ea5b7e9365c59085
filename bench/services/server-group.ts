import type { FromServer, ToServer } from '../../protocol/control.ts';
import type { ClusterShape } from '../../transports/descriptor.ts';
import { transportNamed } from '../../transports/registry.ts';
import { WirebenchError } from '../errors.ts';
import type { Child } from '../processes/child-process.ts';
import { combineReplies, type ServerSide } from './server-side.ts';
import { startServices, type StartedServices } from './service.ts';

const HOST = '127.0.0.1';
const ONE_PROCESS: ClusterShape = { processes: 1, services: [] };

/** What a transport's descriptor declares about its deployment. */
export function clusterOf(transport: string): ClusterShape {
  return transportNamed(transport).cluster ?? ONE_PROCESS;
}

/** Forks one server process of the point, with these variables added to its environment. */
export type ForkServer = (env: Record<string, string>) => Child;

/**
 * The server processes of one point on this machine: the services the transport declares (a private
 * Redis), then as many server processes as it declares, each told the services' addresses. Stopped in
 * the reverse order, so no server ever sees its service vanish while it still serves.
 */
export class ServerGroup implements ServerSide {
  #children: Child[] = [];
  #services: StartedServices | undefined;

  constructor(
    private readonly transport: string,
    private readonly fork: ForkServer,
  ) {}

  async start(timeoutMs: number): Promise<{ host: string; ports: number[]; pids?: number[] }> {
    const cluster = clusterOf(this.transport);
    this.#services = await startServices(cluster.services).catch((error: unknown) => {
      throw new WirebenchError('WB_SERVICE', `service: ${(error as Error).message}`, { cause: error });
    });
    const env = this.#services.env;
    const own = transportNamed(this.transport).env ?? {};
    this.#children = Array.from({ length: cluster.processes }, () => this.fork({ ...own, ...env }));
    const ready = await Promise.all(this.#children.map((c) => c.waitFor<Extract<FromServer, { t: 'wb:ready' }>>('wb:ready', timeoutMs))).catch((error: unknown) => {
      // a server that died or never said ready: the point's failure is the server's, with the child's own stack where it sent one
      const failure = new WirebenchError(error instanceof WirebenchError ? error.code : 'WB_SERVER', `server ${(error as Error).message}`, { cause: error });
      if (error instanceof Error && error.stack) failure.stack = error.stack;
      throw failure;
    });
    // taskset execs node in place, so the child's pid is the server's own
    const pids = this.#children.flatMap((c) => (c.process.pid === undefined ? [] : [c.process.pid]));
    // a node:cluster primary's workers serve its connections: their CPU and their waits are the server's too
    const workers = ready.flatMap((r) => r.workerPids ?? []);
    return { host: HOST, ports: ready.map((r) => r.port), ...(pids.length === this.#children.length ? { pids: [...pids, ...workers] } : {}) };
  }

  async request<T extends FromServer>(message: { t: ToServer['t'] }, timeoutMs: number): Promise<T> {
    return combineReplies(await Promise.all(this.#children.map((c) => c.request<T>(message, timeoutMs))));
  }

  get exited(): Promise<unknown> {
    return Promise.race(this.#children.map((c) => c.exited));
  }

  describeExit(): string {
    return (this.#children.find((c) => !c.running) ?? this.#children[0])?.describeExit() ?? 'not started';
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.#children.map(async (child) => {
        if (!child.running) return;
        // no graceful close: nothing is measured any more, and a kill frees the port as surely and sooner
        await child.kill();
      }),
    );
    await this.#services?.stop();
  }
}
