import type { LoadJob, LoadResult } from '../../protocol/control.ts';

/** A send this much behind its schedule counts as late: beyond the 1 ms granularity of Node's timers. */
export const LATE_SEND_US = 2_000;

/** A load process using this share of one core or more was busy enough to be the limit itself. */
export const SATURATED_CPU_SHARE = 0.9;
/**
 * An open loop whose last send left this far behind its schedule could not keep the rate: jitter (a
 * timer firing a few ms late on a shared machine) does not add up, a sender short of CPU falls further
 * behind with every message. The bound: 10 ms, or 5% of the window if that is longer.
 */
export const SCHEDULE_LAG_FLOOR_US = 10_000;
export const SCHEDULE_LAG_SHARE = 0.05;

export function fellBehind(scheduleLagUs: number | undefined, windowS: number): boolean {
  return (scheduleLagUs ?? 0) > Math.max(SCHEDULE_LAG_FLOOR_US, SCHEDULE_LAG_SHARE * windowS * 1e6);
}

/**
 * Whether a capacity search's first failure was the load process's, its limit then a lower bound: the
 * load fell behind its schedule or used 90% of its core, while the server did not. A server at its core
 * is the limit whatever the load did: it could not have carried more.
 */
export function loadSetTheLimit(at: { lagUs: number; stepS: number; loadShare: number | undefined; serverShare: number | undefined }): boolean {
  if ((at.serverShare ?? 0) >= SATURATED_CPU_SHARE) return false;
  return fellBehind(at.lagUs, at.stepS) || (at.loadShare ?? 0) >= SATURATED_CPU_SHARE;
}

export interface HealthVerdict {
  saturated: boolean;
  cpuShare: number;
  /** why the load generator, not the server, may have been the limit; empty when it was not */
  reasons: string[];
}

/** Was the load generator, rather than the transport, the limit of this point? */
export function judgeHealth(job: LoadJob, result: LoadResult): HealthVerdict {
  const { elapsedUs, cpuUs } = result.health;
  const cpuShare = elapsedUs > 0 ? cpuUs / elapsedUs : 0;
  const reasons: string[] = [];
  if (cpuShare >= SATURATED_CPU_SHARE) reasons.push(`load process CPU at ${Math.round(cpuShare * 100)}% of a core`);
  const schedule = result.schedule;
  if (job.ratePerS !== undefined && schedule && fellBehind(schedule.lagUs, job.durationS)) {
    const lagMs = (schedule.lagUs / 1000).toFixed(0);
    reasons.push(`it fell behind its schedule (the last send left ${lagMs} ms late; ${schedule.lateSends} of ${result.delivery?.sent ?? 0} sends were late)`);
  }
  return { saturated: reasons.length > 0, cpuShare, reasons };
}
