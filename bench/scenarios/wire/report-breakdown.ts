import { PART_NAMES, type Direction } from '../../wire/breakdown.ts';
import { BREAKDOWN_SIZE, countedMetric, partMetric } from './breakdown-figures.ts';
import { readable } from '../../report/format.ts';
import type { RowLookup } from '../../report/row-lookup.ts';

const WINDOWS = [
  { name: 'message', title: `one ${BREAKDOWN_SIZE} B echo on an open connection` },
  { name: 'handshake', title: 'the handshake (from before connect until the connection is usable)' },
] as const;

/**
 * The breakdown by part: one table per captured window, a row per transport and direction, a column per
 * part any transport used. The parts are read from the captured bytes; `counted` is what the byte meter
 * counted over the same window, and the check column says whether the parts add up to it.
 */
export function breakdownTables(t: RowLookup): string[] {
  const lines: string[] = [];
  for (const { name, title } of WINDOWS) {
    const parts = PART_NAMES.filter((p) => t.transports.some((x) => ['up', 'down'].some((d) => t.get(x, partMetric(name, d as Direction, p)) !== undefined)));
    const present = t.transports.filter((x) => t.get(x, countedMetric(name, 'up')) !== undefined);
    if (present.length === 0 || parts.length === 0) continue;
    lines.push(`#### Breakdown of ${title}`, '');
    lines.push(`| transport | dir | ${parts.join(' | ')} | sum of parts | counted | adds up |`);
    lines.push(`|---|---|${parts.map(() => '--:').join('|')}|--:|--:|---|`);
    for (const transport of present) {
      for (const direction of ['up', 'down'] as const) {
        const values = parts.map((p) => t.get(transport, partMetric(name, direction, p)));
        const sum = values.reduce<number>((s, v) => s + (v ?? 0), 0);
        const counted = t.get(transport, countedMetric(name, direction)) ?? NaN;
        const cells = values.map((v) => (v === undefined ? '' : readable(v)));
        lines.push(`| ${transport} | ${direction} | ${cells.join(' | ')} | ${readable(sum)} | ${readable(counted)} | ${sum === counted ? 'yes' : '**no**'} |`);
      }
    }
    lines.push('');
  }
  return lines;
}
