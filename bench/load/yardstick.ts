import { PingPong, percentiles } from '../calibration/ping-pong.ts';
import { nowUs } from '../../protocol/envelope.ts';
import type { Yardstick } from '../../protocol/control.ts';

/** untimed round trips before the first slice: the ping-pong's own code warm, its connection settled */
const WARMUP = 1000;
/** round trips in all, when a scenario takes no slices of its own (one slice after its window) */
export const YARDSTICK_COUNT = 2000;

/**
 * The machine's yardstick for one point: the plain node:net ping-pong, timed in slices between the parts
 * of the measured window, so that it sees the states of the machine the window saw and in the same
 * proportions. This machine's speed steps by 20-70% for seconds at a time; a yardstick timed only just
 * before and just after the window missed the steps inside it (ws p50 over the yardstick: 1.13-1.29 in
 * one A/B collection's calm base trials, 1.27-1.76 in its head trials that had a step inside the window).
 * Time spent in slices is not the window's: the load process subtracts it from the window's wall time
 * and CPU time.
 */
export class InterleavedYardstick {
  readonly #link: PingPong;
  readonly #slices: Float64Array[] = [];
  /** wall time and load-process CPU time spent in slices, microseconds */
  pausedUs = 0;
  pausedCpuUs = 0;

  constructor(port: number, payloadBytes: number) {
    this.#link = new PingPong(port, payloadBytes);
  }

  async open(): Promise<void> {
    await this.#link.open();
    await this.#link.run(WARMUP);
  }

  /** Times `count` round trips, and counts the time they took as paused. */
  async slice(count: number): Promise<void> {
    const atUs = nowUs();
    const cpu = process.cpuUsage();
    this.#slices.push(await this.#link.run(count));
    const used = process.cpuUsage(cpu);
    this.pausedUs += nowUs() - atUs;
    this.pausedCpuUs += used.user + used.system;
  }

  get slices(): number {
    return this.#slices.length;
  }

  result(): Yardstick | undefined {
    if (this.#slices.length === 0) return undefined;
    const all = new Float64Array(this.#slices.reduce((n, s) => n + s.length, 0));
    let at = 0;
    for (const s of this.#slices) {
      all.set(s, at);
      at += s.length;
    }
    const { p50Us, count } = percentiles(all);
    return { p50Us, count, slices: this.#slices.length };
  }

  close(): void {
    this.#link.close();
  }
}
