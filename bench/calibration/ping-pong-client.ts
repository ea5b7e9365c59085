/**
 * Calibration client: sends `size` bytes, waits until `size` bytes came back, repeats; times each round
 * trip with process.hrtime. Usage (by the orchestrator): fork(this, [port, size, warmup, count]).
 */
import { connect } from 'node:net';

const [port, size, warmup, count] = process.argv.slice(2).map(Number) as [number, number, number, number];
const payload = Buffer.alloc(size, 120);
const rtts = new Float64Array(count);
const socket = connect({ port, host: '127.0.0.1', noDelay: true });
let round = 0;
let pending = size;
let sentAt = 0n;

function next(): void {
  if (round === warmup + count) {
    rtts.sort();
    const at = (q: number) => rtts[Math.min(count - 1, Math.floor(q * count))] ?? 0;
    process.send?.({ t: 'wb:calibration', p50Us: at(0.5), p99Us: at(0.99), count }, () => process.exit(0));
    socket.destroy();
    return;
  }
  pending = size;
  sentAt = process.hrtime.bigint();
  socket.write(payload);
}

socket.on('connect', next);
socket.on('data', (chunk) => {
  pending -= chunk.length;
  if (pending > 0) return;
  if (round >= warmup) rtts[round - warmup] = Number(process.hrtime.bigint() - sentAt) / 1000;
  round++;
  next();
});
socket.on('error', (error) => {
  process.send?.({ t: 'wb:fatal', message: `calibration client: ${error.message}` }, () => process.exit(1));
});
