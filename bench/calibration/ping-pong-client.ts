/**
 * Calibration client process: the ping-pong of ping-pong.ts, reported over IPC.
 * Usage (by the orchestrator): fork(this, [port, size, warmup, count]).
 */
import { pingPong } from './ping-pong.ts';

const [port, size, warmup, count] = process.argv.slice(2).map(Number) as [number, number, number, number];

pingPong(port, size, warmup, count).then(
  (r) => process.send?.({ t: 'wb:calibration', ...r }, () => process.exit(0)),
  (error: unknown) => process.send?.({ t: 'wb:fatal', message: `calibration client: ${(error as Error).message}` }, () => process.exit(1)),
);
