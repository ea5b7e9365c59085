import { describe, expect, it } from 'vitest';
import { throughputReport } from '../bench/scenarios/throughput/report.ts';
import type { ThroughputSizes } from '../bench/scenarios/throughput/sizes.ts';
import type { RunRecord } from '../bench/results/run-record.ts';
import type { SummaryRow } from '../bench/results/summary-csv.ts';

/** The capacity verdict (tcp, the floor, is not a contender) names a winner only where the data parts them; a load-limited figure is a lower bound. */
describe('throughput verdict', () => {
  const sizes: ThroughputSizes = { payloads: [64], connections: [100], startRate: 1000, stepS: 0.4, warmupS: 1, warmupEchoes: 0, resolution: 0.05, floorRate: 20, maxSteps: 24 };
  const run = { config: { payloadBytes: 64, p99BoundUs: 10_000, sizes: { throughput: sizes } } } as unknown as RunRecord;
  /** One transport's capacity rows: its limit, bracket, and whether the load process set the limit. */
  const search = (transport: string, low: number, high: number, byLoad: boolean): SummaryRow[] =>
    [
      ['max_msgs_per_s', low],
      ['capacity_bracket_low_per_s', low],
      ['capacity_bracket_high_per_s', high],
      ['max_limited_by_load', byLoad ? 1 : 0],
    ].map(([metric, value]) => ({ runId: 'r', trial: 1, client: 'node', transport, scenario: 'throughput', payloadBytes: 64, connections: 100, metric: metric as string, value: value as number, unit: 'count' }));
  const verdict = (rows: SummaryRow[]) => (throughputReport.verdict?.({ run, rows, allRows: rows, sizes }) ?? []).join('\n');

  it('names the winner with its margin where the brackets part', () => {
    expect(verdict([...search('ws', 43_000, 44_500, false), ...search('websocket', 30_000, 31_000, false)])).toContain('Highest echo capacity at 100 connections: **ws**, 43,000 msg/s, 1.43× **websocket**');
  });

  it('says "no clear difference" when a load-limited lower bound clears the other only by less than the resolution', () => {
    // the case a default run reported as a win: ws ≥ 43,311 (the load's limit) over socketio's 42,413 with its top at 43,000
    const text = verdict([...search('ws', 43_311, 45_000, true), ...search('socketio', 42_413, 43_000, false)]);
    expect(text).toContain('no clear difference between **ws** (≥ 43,311 msg/s) and **socketio** (42,413)');
    expect(text).toContain('the load process was the limit of **ws**');
    expect(text).not.toContain('Highest');
  });

  it('names a load-limited winner, as a lower bound, when it clears the other by more than the resolution', () => {
    expect(verdict([...search('ws', 43_311, 45_000, true), ...search('socketio', 20_000, 21_000, false)])).toContain('**ws**, ≥ 43,311 msg/s, ≥ 2.17× **socketio** (the load process was the limit: a lower bound)');
  });

  it('never names a winner over a transport whose limit the load set: its top is not known', () => {
    const text = verdict([...search('websocket', 50_000, 52_000, false), ...search('ws', 30_000, 31_000, true)]);
    expect(text).toContain('no clear difference between **websocket** (50,000 msg/s) and **ws** (≥ 30,000)');
  });
});
