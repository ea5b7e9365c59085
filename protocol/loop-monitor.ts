import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Event-loop delay sampling resolution: 1 ms is the finest Node offers and still cheap. */
const RESOLUTION_MS = 1;

/** Event-loop delay of this process, p99 and max since the last take(), in microseconds. */
export class LoopMonitor {
  readonly #histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });

  constructor() {
    this.#histogram.enable();
  }

  take(): { p99Us: number; maxUs: number } {
    const h = this.#histogram;
    // the histogram holds nanoseconds; it is empty (and reports huge sentinels) before its first sample
    const result = h.count > 0 ? { p99Us: h.percentile(99) / 1000, maxUs: h.max / 1000 } : { p99Us: 0, maxUs: 0 };
    h.reset();
    return result;
  }
}
