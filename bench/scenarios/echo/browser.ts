import { addDelivery, NO_DELIVERY } from '../../load/delivery-counter.ts';
import { createHistogram, encodeHistogram, recordUs } from '../../stats/histogram.ts';
import { myShare } from '../../load/shares.ts';
import type { ScenarioOutput } from '../scenario.ts';
import { callPage, type EchoParams } from '../../browser/page-api.ts';
import type { BrowserLoad } from '../../browser/scenario.ts';
import type { EchoData } from './result.ts';

/**
 * The closed-loop echo of load.ts, run in the pages: every connection sends one echo,
 * waits for it, sends the next. Round trips are timed in the page and recorded here into the same HDR
 * histogram the Node client fills.
 */
export async function browserEcho({ job, session, mark }: BrowserLoad): Promise<ScenarioOutput<EchoData>> {
  const connections = Math.max(1, myShare(job.connections, job));
  const shares = await session.open(connections);
  const params = (i: number): Omit<EchoParams, 'count' | 'maxMs' | 'record'> => ({
    prefix: `w${job.worker}p${i}c`,
    payloadBytes: job.payloadBytes,
    replyTimeoutMs: job.replyTimeoutMs,
  });
  try {
    await Promise.all(
      shares.map((s, i) => callPage(s.page, 'echo', { ...params(i), count: job.warmup, maxMs: job.warmupS * 1000, record: false })),
    );
    await mark('start');
    const runs = await Promise.all(
      shares.map((s, i) => callPage(s.page, 'echo', { ...params(i), count: job.messages, maxMs: job.durationS * 1000, record: true })),
    );
    await mark('end');
    const rtt = createHistogram();
    for (const run of runs) for (const us of run.rtts) recordUs(rtt, us);
    const delivery = runs.map((r) => r.delivery).reduce(addDelivery, NO_DELIVERY);
    const first = shares[0];
    if (first) await callPage(first.page, 'show', `echo: ${delivery.delivered} of ${delivery.sent} round trips, p50 ${rtt.getValueAtPercentile(50)} µs`);
    return { data: { rtt: encodeHistogram(rtt) }, delivery };
  } finally {
    await session.closeConnections();
  }
}
