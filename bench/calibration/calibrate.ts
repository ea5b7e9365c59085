import { join } from 'node:path';
import type { Child } from '../processes/child-process.ts';
import { transportNamed } from '../../transports/registry.ts';
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
  /**
   * the suite's `tcp` closed-loop echo p50 and the plain ping-pong's (the yardstick, load/yardstick.ts)
   * timed in turns inside the same point's window, ten slices each: the machine's speed, which steps by
   * tens of percent from one moment to the next here, is the same for both
   */
  interleaved?: { suiteP50Us: number; pingPongP50Us: number };
  /**
   * the hand-written ws echo client against the suite's own ws server (ws-echo-client.ts): its echo rate,
   * which the suite's ws load process is held to; absent when the run has no ws echo
   */
  wsClient?: { msgsPerS: number; p50Us: number; suiteMsgsPerS?: number } | { error: string };
}

/** The hand-written client warms up for at least this long, as the suite's echo does (bench/load/warm-up.ts). */
const WS_CLIENT_WARMUP_MS = 1000;

/** The transport whose load process the hand-written client calibrates: the one every WebSocket comparison starts from. */
export const CLIENT_CALIBRATED_TRANSPORT = 'ws';

const TIMEOUT_MS = 60_000;
const SERVER = join(ROOT, 'bench', 'calibration', 'ping-pong-server.ts');
const CLIENT = join(ROOT, 'bench', 'calibration', 'ping-pong-client.ts');
const WS_CLIENT = join(ROOT, 'bench', 'calibration', 'ws-echo-client.ts');
const SUITE_SERVER = join(ROOT, 'bench', 'processes', 'server-process.ts');

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

/**
 * The hand-written ws echo client (ws-echo-client.ts) against the suite's own ws server, placed like a
 * point's load and server: what a client with nothing of the suite's in it gets out of that server.
 */
export async function calibrateWsClient(
  fork: (entry: string, role: 'server' | 'load', args?: string[], env?: Record<string, string>) => Child,
  sizes: { payloadBytes: number; warmup: number; messages: number },
): Promise<{ msgsPerS: number; p50Us: number }> {
  // configured as the transport runs it (its native add-ons or not), the client as its users would
  const env = { ...(transportNamed(CLIENT_CALIBRATED_TRANSPORT).env ?? {}) };
  const server = fork(SUITE_SERVER, 'server', [CLIENT_CALIBRATED_TRANSPORT], env);
  let client: Child | undefined;
  try {
    const { port } = await server.waitFor<{ t: string; port: number }>('wb:ready', TIMEOUT_MS);
    client = fork(WS_CLIENT, 'load', [port, sizes.payloadBytes, sizes.warmup, sizes.messages, WS_CLIENT_WARMUP_MS].map(String), env);
    const r = await client.waitFor<{ t: string; p50Us: number; msgsPerS: number }>('wb:calibration', TIMEOUT_MS);
    return { msgsPerS: r.msgsPerS, p50Us: r.p50Us };
  } finally {
    await client?.kill();
    await server.kill();
  }
}
