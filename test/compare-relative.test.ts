import { describe, expect, it } from 'vitest';
import { compareSides } from '../bench/compare/compare-runs.ts';
import { withRelativeFigures } from '../bench/compare/relative-figures.ts';
import type { SummaryRow } from '../bench/results/summary-csv.ts';

const row = (trial: number, metric: string, value: number, transport = 'ws'): SummaryRow => ({
  runId: 'r',
  trial,
  client: 'node',
  transport,
  scenario: 'echo',
  payloadBytes: 64,
  connections: 1,
  metric,
  value,
  unit: 'us',
});

describe('withRelativeFigures', () => {
  it('divides p50 by the yardstick of the same point and trial only, and leaves server CPU raw', () => {
    const rows = [
      row(1, 'rtt_p50', 60),
      row(1, 'rtt_p99', 600),
      row(1, 'server_cpu_us_per_msg', 40),
      row(1, 'yardstick_rtt_p50', 30),
      row(2, 'rtt_p50', 90),
      row(2, 'yardstick_rtt_p50', 45),
      row(1, 'rtt_p50', 50, 'tcp'), // no yardstick for this point: nothing derived
    ];
    const out = withRelativeFigures(rows);
    expect(out.filter((r) => r.metric.endsWith('_vs_yardstick')).map((r) => [r.transport, r.trial, r.metric, r.value])).toEqual([
      ['ws', 1, 'rtt_p50_vs_yardstick', 2],
      ['ws', 2, 'rtt_p50_vs_yardstick', 2],
    ]);
    // the raw p50 it replaces is gone where a yardstick was measured, kept where none was
    expect(out.filter((r) => r.metric === 'rtt_p50').map((r) => r.transport)).toEqual(['tcp']);
    expect(out.filter((r) => r.metric === 'rtt_p99')).toHaveLength(1);
    // CPU time does not grow with the scheduling delays a round trip sees: dividing it only adds noise
    expect(out.filter((r) => r.metric.startsWith('server_cpu')).map((r) => [r.metric, r.value])).toEqual([['server_cpu_us_per_msg', 40]]);
  });

  it("divides what each scenario's gate judges over the yardstick, and nothing else", () => {
    const at = (scenario: string, metric: string, value: number): SummaryRow => ({ ...row(1, metric, value), scenario, connections: 50 });
    const out = withRelativeFigures([
      at('fanout', 'fanout_last_p50', 3000),
      at('fanout', 'fanout_last_p99', 9000),
      at('fanout', 'fanout_first_p50', 500),
      at('fanout', 'yardstick_rtt_p50', 100),
      at('connect', 'connect_p50', 2000),
      at('connect', 'yardstick_rtt_p50', 100),
    ]);
    // fan-out gates its last member's p50 over the yardstick; its p99, first member and connect stay raw
    expect(out.map((r) => [r.scenario, r.metric, r.value])).toEqual([
      ['fanout', 'fanout_last_p50_vs_yardstick', 30],
      ['fanout', 'fanout_last_p99', 9000],
      ['fanout', 'fanout_first_p50', 500],
      ['fanout', 'yardstick_rtt_p50', 100],
      ['connect', 'connect_p50', 2000],
      ['connect', 'yardstick_rtt_p50', 100],
    ]);
  });

  it('lets a slowdown show through a machine whose speed steps between trials', () => {
    // the machine runs at one of two speeds per trial; head's message path is 10% slower at either speed
    const speeds = [1, 1.4, 1, 1, 1.4, 1, 1.4, 1];
    const side = (slowdown: number, order: number[]) =>
      order.flatMap((s, i) => [row(i + 1, 'rtt_p50', 40 * s * slowdown * (1 + 0.002 * i)), row(i + 1, 'yardstick_rtt_p50', 28 * s)]);
    const base = { runId: 'b', commit: 'b', rows: side(1, speeds) };
    const head = { runId: 'h', commit: 'h', rows: side(1.1, [...speeds].reverse().map((s) => (s === 1 ? 1.4 : 1))) };
    const rows = compareSides(base, head).rows;
    const verdict = (metric: string) => rows.find((r) => r.metric === metric)?.verdict;
    expect(verdict('rtt_p50_vs_yardstick')).toBe('regression');
    // the same samples without their yardstick: the steps in speed hide the slowdown
    const strip = (s: typeof base) => ({ ...s, rows: s.rows.filter((r) => r.metric !== 'yardstick_rtt_p50') });
    expect(compareSides(strip(base), strip(head)).rows.find((r) => r.metric === 'rtt_p50')?.verdict).not.toBe('regression');
  });
});
