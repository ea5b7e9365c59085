import type { ServerStats } from '../../../protocol/control.ts';

export const heldMark = (count: number) => `held:${count}`;
/** the quiet window: from `calm:<count>` (or, in runs before it came last, from `held:<count>`) to `quiet:<count>` */
export const calmMark = (count: number) => `calm:${count}`;
/** a quiet window at a count below the largest (IdleSizes.windowEveryCount): from `window:<count>` to `quiet:<count>` */
export const windowMark = (count: number) => `window:${count}`;
export const quietMark = (count: number) => `quiet:${count}`;
/** after the broadcast at a count: every load process has its round before the next count grows */
export const sentMark = (count: number) => `broadcast:${count}`;

/** The marks `held:<count>` as (count, stats), in count order. */
export function heldPoints(marks: Record<string, ServerStats>): { count: number; stats: ServerStats }[] {
  return Object.entries(marks)
    .filter(([name]) => name.startsWith('held:'))
    .map(([name, stats]) => ({ count: Number(name.slice('held:'.length)), stats }))
    .sort((a, b) => a.count - b.count);
}
