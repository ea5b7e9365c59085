import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/**
 * Event-loop delay sampling resolution. 1 ms (the finest Node offers) was not cheap on this virtual
 * machine: its timer woke every load and server process 1,000 times a second, and with it in the load
 * the suite's tcp echo p50 was 1.26-1.27x the plain ping-pong timed beside it (two runs of 3 trials),
 * at 10 ms 1.16-1.19x. The delays the suite reports are stalls of milliseconds, which 10 ms still sees.
 */
export const RESOLUTION_MS = 10;

/**
 * Event-loop delay of this process, p99 and max since the last take(), in microseconds.
 * monitorEventLoopDelay records the whole time between two ticks of its timer, the resolution
 * included (its samples have "an implicit floor of resolution ms": nodejs/node#62935; Elastic's APM
 * agent and nodejs/node#34661 subtract it), so an idle loop reads 10 ms at a 10 ms resolution. What is
 * reported here is the delay alone: the interval less the resolution.
 */
export class LoopMonitor {
  readonly #histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });

  constructor() {
    this.#histogram.enable();
  }

  take(): { p99Us: number; maxUs: number } {
    const h = this.#histogram;
    // the histogram holds nanoseconds; it is empty (and reports huge sentinels) before its first sample
    const delayUs = (intervalNs: number) => Math.max(0, intervalNs / 1000 - RESOLUTION_MS * 1000);
    const result = h.count > 0 ? { p99Us: delayUs(h.percentile(99)), maxUs: delayUs(h.max) } : { p99Us: 0, maxUs: 0 };
    h.reset();
    return result;
  }
}
