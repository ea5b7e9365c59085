import { join } from 'node:path';
import type { Child } from '../processes/child-process.ts';
import { ROOT } from '../processes/child-process.ts';

export interface Calibration {
  trial: number;
  p50Us: number;
  p99Us: number;
  count: number;
  /**
   * the suite's own `tcp` closed-loop echo p50 at the same sizes, measured beside the ping-pong when the
   * run itself has no closed-loop tcp echo to compare with (an open-loop run)
   */
  suiteP50Us?: number;
}

const TIMEOUT_MS = 60_000;
const SERVER = join(ROOT, 'bench', 'calibration', 'ping-pong-server.ts');
const CLIENT = join(ROOT, 'bench', 'calibration', 'ping-pong-client.ts');

/**
 * Runs the plain node:net ping-pong in its own two processes, placed like a point's server and load,
 * with the run's payload size and round-trip counts. `fork` is the orchestrator's, so the processes are
 * pinned and killed like every other child.
 */
export async function calibrate(
  fork: (entry: string, role: 'server' | 'load', args?: string[]) => Child,
  trial: number,
  sizes: { payloadBytes: number; warmup: number; messages: number },
): Promise<Calibration> {
  const server = fork(SERVER, 'server');
  let client: Child | undefined;
  try {
    const { port } = await server.waitFor<{ t: string; port: number }>('wb:ready', TIMEOUT_MS);
    client = fork(CLIENT, 'load', [port, sizes.payloadBytes, sizes.warmup, sizes.messages].map(String));
    const r = await client.waitFor<{ t: string; p50Us: number; p99Us: number; count: number }>('wb:calibration', TIMEOUT_MS);
    return { trial, p50Us: r.p50Us, p99Us: r.p99Us, count: r.count };
  } finally {
    await client?.kill();
    await server.kill();
  }
}
