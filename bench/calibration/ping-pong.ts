/**
 * The calibration's round trip: sends `size` bytes to a plain echo server, waits until `size` bytes came
 * back, repeats; times each round trip with process.hrtime. No suite code on purpose.
 */
import { connect, type Socket } from 'node:net';

export interface PingPongResult {
  p50Us: number;
  p99Us: number;
  count: number;
}

/**
 * One connection to the plain echo server, kept open so that its round trips can be timed in slices.
 * Driven by its socket's callbacks, with no promise per round trip: it is the floor the rest is held to.
 */
export class PingPong {
  #socket: Socket | undefined;
  readonly #payload: Buffer;
  #pending = 0;
  #sentAt = 0n;
  #slice: { rtts: Float64Array; next: number; resolve: (rtts: Float64Array) => void; reject: (e: Error) => void } | undefined;
  #failed: Error | undefined;

  constructor(
    private readonly port: number,
    size: number,
  ) {
    this.#payload = Buffer.alloc(size, 120);
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port: this.port, host: '127.0.0.1', noDelay: true });
      this.#socket = socket;
      socket.once('connect', () => resolve());
      socket.on('data', (chunk) => this.#onData(chunk.length));
      const fail = (error: Error) => {
        this.#failed ??= error;
        reject(this.#failed);
        this.#slice?.reject(this.#failed);
        this.#slice = undefined;
      };
      socket.on('error', (error) => fail(new Error(`ping-pong: ${error.message}`)));
      socket.on('close', () => fail(new Error('ping-pong: the connection closed')));
    });
  }

  #send(): void {
    this.#pending = this.#payload.length;
    this.#sentAt = process.hrtime.bigint();
    this.#socket?.write(this.#payload);
  }

  #onData(length: number): void {
    this.#pending -= length;
    const slice = this.#slice;
    if (this.#pending > 0 || !slice) return;
    slice.rtts[slice.next++] = Number(process.hrtime.bigint() - this.#sentAt) / 1000;
    if (slice.next < slice.rtts.length) return this.#send();
    this.#slice = undefined;
    slice.resolve(slice.rtts);
  }

  /** `count` round trips, one after another; their times in microseconds, in order. */
  run(count: number): Promise<Float64Array> {
    if (this.#failed) return Promise.reject(this.#failed);
    if (!this.#socket) return Promise.reject(new Error('ping-pong: not open'));
    if (count <= 0) return Promise.resolve(new Float64Array(0));
    return new Promise((resolve, reject) => {
      this.#slice = { rtts: new Float64Array(count), next: 0, resolve, reject };
      this.#send();
    });
  }

  close(): void {
    this.#failed ??= new Error('ping-pong: closed');
    this.#socket?.destroy();
  }
}

/** The p50 and p99 of round-trip times, microseconds. */
export function percentiles(rtts: Float64Array): PingPongResult {
  const sorted = Float64Array.from(rtts).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50Us: at(0.5), p99Us: at(0.99), count: sorted.length };
}

/** `warmup` untimed round trips, then `count` timed ones, on a connection of its own. */
export async function pingPong(port: number, size: number, warmup: number, count: number): Promise<PingPongResult> {
  const link = new PingPong(port, size);
  try {
    await link.open();
    await link.run(warmup);
    return percentiles(await link.run(count));
  } finally {
    link.close();
  }
}
