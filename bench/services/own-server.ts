import { connect } from 'node:net';
import type { FromServer, ToServer } from '../../protocol/control.ts';
import { WirebenchError } from '../errors.ts';
import type { Target } from '../run/target.ts';
import type { ServerSide } from './server-side.ts';

/** Opens and closes one TCP connection: is anything listening there? */
function reach(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    socket.once('connect', () => socket.end(() => resolve()));
    socket.once('timeout', () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    socket.once('error', (error: NodeJS.ErrnoException) => reject(new Error(error.code ?? error.message)));
  });
}

/**
 * A server the user wrote (`--target ws://127.0.0.1:8080/path`), as the server side of every point:
 * nothing is started or stopped, and it has no stats to read (readsStats false), so marks only line the
 * load processes up; the load counts bytes on its own sockets instead, and the point has no server cost.
 * Control requests that need the suite's own server (garbage collection, capture windows) are refused:
 * the scenarios that ask for them do not run against an own server (Scenario.ownServer).
 */
export class OwnServer implements ServerSide {
  readonly exited = new Promise<unknown>(() => {});
  readonly readsStats = false;

  constructor(private readonly target: Target) {}

  async start(timeoutMs: number): Promise<{ host: string; ports: number[] }> {
    const { host, ports } = this.target;
    const [port = 0] = ports;
    // reached before the load starts, so that a server not running fails the point at once, saying so
    await reach(host, port, timeoutMs).catch((error: Error) => {
      throw new WirebenchError('WB_SERVER', `nothing answers at ${this.target.own?.url ?? `${host}:${port}`}: ${error.message}`);
    });
    return { host, ports };
  }

  request<T extends FromServer>(message: { t: ToServer['t'] }): Promise<T> {
    return Promise.reject(new Error(`'${message.t}' needs a server of the suite's own: not available with --target <url>`));
  }

  describeExit(): string {
    return 'is the user\'s own';
  }

  async stop(): Promise<void> {}
}
