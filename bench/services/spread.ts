import type { LoadJob } from '../../protocol/control.ts';

/**
 * The port of the server process that a load process's `index`-th connection goes to: in turn over the
 * point's ports, so that each load process's connections split evenly between the server processes (and
 * a room's members sit on both sides of the relay); each worker starts one further on, so that the first
 * connections of all workers (a scenario's senders) do not all land on the same process.
 */
export function portFor(job: Pick<LoadJob, 'port' | 'ports' | 'worker'>, index: number): number {
  const ports = job.ports?.length ? job.ports : [job.port];
  return ports[(index + job.worker) % ports.length] ?? job.port;
}
