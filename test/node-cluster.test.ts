/**
 * A server as a node:cluster (bench/processes/cluster-primary.ts), as large idle points run ws and
 * socketio: its workers share one port, a broadcast from a member on one worker reaches every member on
 * every worker exactly once (ws through the primary over IPC, socket.io through its cluster adapter),
 * every member's echo comes back (sse's and longpoll's POSTs meet their stream on one worker: sticky by address),
 * stats are the workers' summed, clients leave from the source addresses they are given, and killing
 * the primary leaves no worker behind.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { ClientConnection } from '../clients/transport.ts';
import { CLUSTER_WORKERS_ENV } from '../bench/processes/cluster-primary.ts';
import { Child, ROOT } from '../bench/processes/child-process.ts';
import type { ServerStats } from '../protocol/control.ts';
import { MESSAGE_KINDS, decode, encodePadded, nowUs } from '../protocol/envelope.ts';
import { failureCause } from '../bench/load/connect-failure.ts';
import { connectClient } from '../transports/start.ts';
import { DEFAULT_TRANSPORTS, transportNamed } from '../transports/registry.ts';
import { eventually } from './helpers/transport-harness.ts';

const WORKERS = 3;
const MEMBERS = 12;

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// every default transport that deploys as a node:cluster (its descriptor's nodeCluster)
const CLUSTERED = DEFAULT_TRANSPORTS.filter((name) => transportNamed(name).nodeCluster !== undefined);

it('runs ws, socketio, websocket, sse and longpoll as clusters, at least', () =>
  expect(CLUSTERED).toEqual(expect.arrayContaining(['ws', 'socketio', 'websocket', 'sse', 'longpoll'])));

describe.each(CLUSTERED)('%s as a node:cluster', (transport) => {
  it(`spreads members over ${WORKERS} workers on one port and broadcasts to all of them once`, async () => {
    const env = { ...(transportNamed(transport).env ?? {}), [CLUSTER_WORKERS_ENV]: String(WORKERS) };
    const server = new Child(join(ROOT, 'bench', 'processes', 'server-process.ts'), { args: [transport], nodeArgs: ['--expose-gc'], env });
    const members: ClientConnection[] = [];
    try {
      const { port } = await server.waitFor<{ t: string; port: number }>('wb:ready', 30_000);
      const workers = childrenOf(server.process.pid ?? 0);
      expect(workers).toHaveLength(WORKERS);
      const got = new Array<number>(MEMBERS).fill(0);
      const echoed = new Array<number>(MEMBERS).fill(0);
      for (let i = 0; i < MEMBERS; i++) {
        // half of them from another source address, as a large point spreads its load
        const localAddress = i % 2 ? '127.0.0.2' : undefined;
        const onMessage = (text: string | Buffer) => {
          const kind = decode(typeof text === 'string' ? text : text.toString())?.kind;
          if (kind === MESSAGE_KINDS.echo) echoed[i]!++;
          else got[i]!++;
        };
        members.push(await connectClient(transport, { host: '127.0.0.1', port, onMessage, ...(localAddress ? { localAddress } : {}) }));
      }
      // every member's upstream reaches the worker that holds its downstream: its echo comes back (a
      // stream and its POSTs on different workers would lose it: what sticky sessions are for)
      for (const m of members) m.send(encodePadded({ kind: MESSAGE_KINDS.echo, sender: 't', seq: 1, sentUs: nowUs() }, 64));
      await eventually(() => echoed.every((n) => n === 1), 5000, 'every member has its echo');
      // the source address reaches the socket: one this host does not have cannot be bound
      const unbound = await connectClient(transport, { host: '127.0.0.1', port, onMessage: () => {}, localAddress: '192.0.2.1' }).then(
        (c) => c.close().then(() => 'connected'),
        (error: unknown) => failureCause(error),
      );
      expect(unbound).toBe('no_port');
      const stats = async () => (await server.request<{ t: string; stats: ServerStats }>({ t: 'wb:stats' }, 10_000)).stats;
      let open = 0;
      for (let tries = 0; tries < 50 && open < MEMBERS; tries++) open = (await stats()).connectionsOpen;
      expect(open).toBeGreaterThanOrEqual(MEMBERS);
      members[0]!.send(encodePadded({ kind: MESSAGE_KINDS.broadcast, sender: 't', seq: 1, sentUs: nowUs() }, 64));
      await eventually(() => got.every((n) => n >= 1), 5000, 'every member has the broadcast');
      await new Promise((r) => setTimeout(r, 300)); // a duplicate would have arrived by now
      expect(got).toEqual(new Array<number>(MEMBERS).fill(1));
      expect(echoed).toEqual(new Array<number>(MEMBERS).fill(1));
      // summed over the workers and the primary: far more than one process's RSS at rest (~40 MB)
      expect((await stats()).rssBytes).toBeGreaterThan(WORKERS * 30e6);
      await Promise.all(members.splice(0).map((m) => m.close()));
      await server.kill();
      await eventually(() => workers.filter(alive).length === 0, 5000, 'no worker left');
    } finally {
      await Promise.allSettled(members.map((m) => m.close()));
      await server.kill();
    }
  }, 60_000);
});
