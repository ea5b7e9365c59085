import { describe, expect, it } from 'vitest';
import { createHistogram, encodeHistogram, recordUs } from '../bench/stats/histogram.ts';
import { combineHostRuns } from '../bench/results/combine-hosts.ts';
import { describedOrThrow } from '../bench/results/describe-point.ts';
import { mergeLoadResults } from '../bench/results/merge-load-results.ts';
import { summaryRows } from '../bench/results/summary-csv.ts';
import { RUN_SCHEMA, type PointRecord, type RunRecord } from '../bench/results/run-record.ts';
import { scenarioNamed } from '../bench/scenarios/registry.ts';
import type { LoadJob, LoadResult, ServerStats } from '../protocol/control.ts';

/**
 * Two load hosts' run.json files, merged, must give the figures of one run that had all their load
 * processes: histograms add, counters sum, each broadcast's first and last arrival is the earliest and
 * latest of any host's, and server marks span both.
 */
const SIZES: Record<string, unknown> = { echo: {}, fanout: { rooms: [4], broadcasts: 3 } };

function stats(atUs: number, bytes: number, messages: number): ServerStats {
  return {
    bytesRead: bytes,
    bytesWritten: bytes * 2,
    connectionsAccepted: 4,
    connectionsOpen: 4,
    messagesIn: messages,
    messagesOut: messages,
    cpuUserUs: atUs / 10,
    cpuSystemUs: 0,
    rssBytes: 50e6,
    heapUsedBytes: 10e6,
    loopActiveMs: atUs / 2000,
    loopIdleMs: atUs / 2000,
    loopDelayP99Us: 100,
    loopDelayMaxUs: 200,
    atUs,
  };
}

function histogramOf(values: number[]): string {
  const h = createHistogram();
  for (const v of values) recordUs(h, v);
  return encodeHistogram(h);
}

/** One load process's result of the scenario: echo round trips, or one room's first and last arrivals. */
function workerResult(scenario: string, rtts: number[], arrivals: number[]): LoadResult {
  const delivery = { sent: rtts.length, delivered: rtts.length, lost: 0, duplicated: 0, reordered: 0 };
  const health = { elapsedUs: 1e6, cpuUs: 2e5, loopDelayP99Us: 300, loopDelayMaxUs: 900 };
  if (scenario === 'echo') return { data: { rtt: histogramOf(rtts) }, delivery, health };
  const room = { size: 4, first: arrivals, last: arrivals.map((us) => us * 3), delivery: { ...delivery, sent: 6, delivered: arrivals.length * 2 } };
  return { data: { rooms: [room] }, delivery, health };
}

function point(scenario: string, workers: { rtts: number[]; arrivals: number[] }[], marks: Record<string, ServerStats>): PointRecord {
  const job = { transport: 'ws', scenario, host: '127.0.0.1', port: 1, payloadBytes: 64, connections: 2 * workers.length, messages: 3, warmup: 0, durationS: 3, warmupS: 1, sizes: SIZES[scenario], worker: 0, workers: workers.length, replyTimeoutMs: 5000 } as LoadJob;
  const result = mergeLoadResults(scenarioNamed(scenario), workers.map((w) => workerResult(scenario, w.rtts, w.arrivals)));
  return describedOrThrow({ trial: 1, client: 'node', transport: 'ws', scenario, job, status: 'ok', result, marks });
}

function run(runId: string, points: PointRecord[]): RunRecord {
  return { schema: RUN_SCHEMA, runId, startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:01:00Z', status: 'complete', environment: {} as RunRecord['environment'], config: {} as RunRecord['config'], points };
}

const hostA = { rtts: [100, 120, 5000], arrivals: [50, 60, 70] };
const hostB = { rtts: [90, 400, 410], arrivals: [40, 80, 30] };
// both hosts drove the same server: its counters, read by each, cover everyone's traffic
const marksA = { start: stats(1_000, 0, 0), end: stats(900_000, 600, 6) };
const marksB = { start: stats(2_000, 10, 0), end: stats(950_000, 640, 6) };

describe('bench:merge', () => {
  it('merging two hosts equals the run of their union', () => {
    const a = run('a', ['echo', 'fanout'].map((s) => point(s, [hostA], marksA)));
    const b = run('b', ['echo', 'fanout'].map((s) => point(s, [hostB], marksB)));
    const unionMarks = { start: marksA.start, end: marksB.end };
    const union = run('u', ['echo', 'fanout'].map((s) => point(s, [hostA, hostB], unionMarks)));
    const merged = combineHostRuns([a, b], 'u');
    expect(summaryRows(merged)).toEqual(summaryRows(union));
    // and the figures are the pooled ones, not an average of the hosts' figures
    const figure = (metric: string) => summaryRows(merged).find((r) => r.scenario === 'echo' && r.metric === metric)?.value;
    expect(figure('rtt_max')).toBeGreaterThanOrEqual(4990);
    expect(figure('sent')).toBe(6);
    const fanoutFirst = summaryRows(merged).find((r) => r.scenario === 'fanout' && r.metric === 'fanout_first_p50')?.value;
    expect(fanoutFirst).toBe(40); // per broadcast the earliest of both hosts: 40, 60, 30 -> p50 40
  });

  it('keeps a point that only one host measured, and a failure on any host fails the point', () => {
    const a = run('a', [point('echo', [hostA], marksA)]);
    const { job } = point('echo', [hostB], marksB);
    const failed: PointRecord = { trial: 1, client: 'node', transport: 'ws', scenario: 'echo', job, status: 'failed', error: { code: 'WB_LOAD', message: 'host b: connect timeout' } };
    const onlyB = { ...point('echo', [hostB], marksB), trial: 2 };
    const merged = combineHostRuns([a, run('b', [failed, onlyB])], 'm');
    expect(merged.points.map((p) => [p.trial, p.status, p.status === 'failed' ? p.error.message : undefined])).toEqual([
      [1, 'failed', 'host b: connect timeout'],
      [2, 'ok', undefined],
    ]);
  });
});
