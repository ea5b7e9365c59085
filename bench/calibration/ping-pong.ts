/**
 * The calibration's round trip, as a function: sends `size` bytes to a plain echo server, waits until
 * `size` bytes came back, repeats; times each round trip with process.hrtime. No suite code on purpose.
 */
import { connect } from 'node:net';

export interface PingPongResult {
  p50Us: number;
  p99Us: number;
  count: number;
}

export function pingPong(port: number, size: number, warmup: number, count: number): Promise<PingPongResult> {
  return new Promise((resolve, reject) => {
    const payload = Buffer.alloc(size, 120);
    const rtts = new Float64Array(count);
    const socket = connect({ port, host: '127.0.0.1', noDelay: true });
    let round = 0;
    let pending = size;
    let sentAt = 0n;

    const next = () => {
      if (round === warmup + count) {
        socket.destroy();
        rtts.sort();
        const at = (q: number) => rtts[Math.min(count - 1, Math.floor(q * count))] ?? 0;
        resolve({ p50Us: at(0.5), p99Us: at(0.99), count });
        return;
      }
      pending = size;
      sentAt = process.hrtime.bigint();
      socket.write(payload);
    };
    socket.on('connect', next);
    socket.on('data', (chunk) => {
      pending -= chunk.length;
      if (pending > 0) return;
      if (round >= warmup) rtts[round - warmup] = Number(process.hrtime.bigint() - sentAt) / 1000;
      round++;
      next();
    });
    socket.on('error', (error) => reject(new Error(`ping-pong: ${error.message}`)));
  });
}
