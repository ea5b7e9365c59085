import type { CapturedWindow } from '../../../protocol/control.ts';
import type { SocketCapture } from '../../../servers/byte-meter.ts';
import { PART_NAMES, breakdownCaptures, type Breakdown, type Direction } from '../../wire/breakdown.ts';
import type { Figure } from '../../results/figure.ts';
import type { MeasuredPoint } from '../scenario.ts';

/** The size of the one exchange the wire scenario keeps byte for byte. */
export const BREAKDOWN_SIZE = 64;

/** The capture windows the wire scenario takes, with the payload size their figures carry. */
export const BREAKDOWN_WINDOWS = [
  { name: 'handshake', payloadBytes: undefined },
  { name: 'message', payloadBytes: BREAKDOWN_SIZE },
] as const;

const DIRECTIONS: readonly Direction[] = ['up', 'down'];

/** `part_message_up_ws_frame_header`: snake_case, as every metric. */
export const partMetric = (window: string, direction: Direction, part: string) =>
  `part_${window}_${direction}_${part.replace(/-/g, '_')}`;
/** What the byte meter counted over the same window: the total the parts must add up to. */
export const countedMetric = (window: string, direction: Direction) => `part_${window}_${direction}_counted`;

function decode(window: CapturedWindow): SocketCapture[] {
  return window.sockets.map((s) => ({ ...s, read: Buffer.from(s.read, 'base64'), written: Buffer.from(s.written, 'base64') }));
}

/** The breakdown of one captured window, read from the bytes themselves (bench/wire). */
export function breakdownOf(transport: string, window: CapturedWindow): Breakdown {
  return breakdownCaptures(transport, decode(window));
}

/**
 * One figure per part and direction of each captured window, and the meter's count beside them. The
 * parts add up to what the captures saw; the report and the tests check that equals what was counted.
 */
export function breakdownFigures({ job, captures }: MeasuredPoint): Figure[] {
  const out: Figure[] = [];
  for (const { name, payloadBytes } of BREAKDOWN_WINDOWS) {
    const window = captures?.[name];
    if (!window) continue;
    const at = payloadBytes === undefined ? {} : { payloadBytes };
    const b = breakdownOf(job.transport, window);
    for (const direction of DIRECTIONS) {
      for (const part of PART_NAMES) {
        const bytes = b[direction].parts[part];
        if (bytes !== undefined) out.push({ metric: partMetric(name, direction, part), value: bytes, unit: 'B', ...at });
      }
      const counted = direction === 'up' ? window.counted.bytesRead : window.counted.bytesWritten;
      out.push({ metric: countedMetric(name, direction), value: counted, unit: 'B', ...at });
    }
  }
  return out;
}
