import type { LoadJob, LoadResult } from '../protocol/control.ts';

/** A load process using this share of one core or more was busy enough to be the limit itself. */
export const SATURATED_CPU_SHARE = 0.9;
/** An open loop that sent more than this share of its messages late could not keep its schedule. */
export const LATE_SHARE_LIMIT = 0.01;

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
  const late = result.lateSends ?? 0;
  const sent = result.delivery.sent;
  if (job.ratePerS !== undefined && sent > 0 && late / sent > LATE_SHARE_LIMIT) {
    reasons.push(`${late} of ${sent} sends (${((late / sent) * 100).toFixed(1)}%) left behind schedule`);
  }
  return { saturated: reasons.length > 0, cpuShare, reasons };
}
