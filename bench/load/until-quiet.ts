import { nowUs } from '../../protocol/envelope.ts';
import { sleep } from './sleep.ts';

/** How the wait for the rest of a stream ended. */
export type QuietEnd = 'complete' | 'quiet' | 'timeout';

export interface QuietWait {
  /** resolves when everything expected has arrived */
  complete: Promise<void>;
  /** when the latest message arrived (µs, nowUs), or when the wait began if none has */
  lastArrivalUs: () => number;
  /** nothing for this long: what is missing is lost, not late */
  quietMs: number;
  /** the most the wait may take, whatever still trickles in */
  maxMs: number;
}

/**
 * Waits for the rest of a stream: until it is complete, or nothing has arrived for `quietMs`, or
 * `maxMs` has passed. A stream that still flows never pauses that long, so a transport that lost
 * messages is reported with its loss counted within a second or two of its last arrival, rather than
 * after the whole timeout (or never, when the timeouts add up past the point's own).
 */
export async function untilCompleteOrQuiet({ complete, lastArrivalUs, quietMs, maxMs }: QuietWait): Promise<QuietEnd> {
  const completed = complete.then(() => 'complete' as const);
  const deadlineUs = nowUs() + maxMs * 1000;
  const checkMs = Math.max(1, Math.min(50, quietMs / 4));
  let wait = 0; // the first look only lets a stream that is complete already say so
  for (;;) {
    const end = await Promise.race([completed, sleep(wait).then(() => undefined)]);
    if (end) return end;
    const now = nowUs();
    if (now - lastArrivalUs() >= quietMs * 1000) return 'quiet';
    if (now >= deadlineUs) return 'timeout';
    wait = checkMs;
  }
}
