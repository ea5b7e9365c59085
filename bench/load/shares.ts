import type { LoadJob } from '../../protocol/control.ts';

/** How many of `total` connections this load process holds: the workers split them as evenly as they can. */
export function myShare(total: number, job: Pick<LoadJob, 'worker' | 'workers'>): number {
  return Math.floor(total / job.workers) + (job.worker < total % job.workers ? 1 : 0);
}

/** Sender names for this process's share, unique across the point's load processes. */
export function senderNames(total: number, job: Pick<LoadJob, 'worker' | 'workers'>, prefix = 'c'): string[] {
  return Array.from({ length: myShare(total, job) }, (_, i) => `w${job.worker}${prefix}${i}`);
}
