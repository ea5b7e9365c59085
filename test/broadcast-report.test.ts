import { describe, expect, it } from 'vitest';
import { broadcastReport } from '../bench/scenarios/broadcast/report.ts';
import type { BroadcastSizes } from '../bench/scenarios/broadcast/sizes.ts';
import type { RunRecord } from '../bench/results/run-record.ts';
import type { SummaryRow } from '../bench/results/summary-csv.ts';

/** A search where no rate passed still says what it saw at its lowest rate: the p99 against the bound, what was lost. */
describe('broadcast report', () => {
  const sizes: BroadcastSizes = { rooms: [1000], startRate: 50, stepS: 1, warmupS: 2, warmupBroadcasts: 2000, resolution: 0.05, floorRate: 5, maxSteps: 20 };
  const run = { config: { payloadBytes: 64, p99BoundUs: 10_000, sizes: { broadcast: sizes } } } as unknown as RunRecord;
  const base = { runId: 'r', trial: 1, client: 'node', transport: 'ws', scenario: 'broadcast', payloadBytes: 64, connections: 1000 };
  const row = (metric: string, value: number, ratePerS?: number): SummaryRow => ({ ...base, metric, value, unit: 'count', ...(ratePerS === undefined ? {} : { ratePerS }) });
  const section = (rows: SummaryRow[]) => broadcastReport.section({ run, rows, allRows: rows, sizes }).join('\n');

  it('names the lowest rate tried and the last member\'s p99 there when no rate met the bound', () => {
    const rows = [
      row('step_last_p99', 31_000, 100),
      row('step_lost', 0, 100),
      row('step_last_p99', 14_200, 25),
      row('step_lost', 0, 25),
      row('max_broadcasts_per_s', 0),
      row('capacity_bracket_low_per_s', 0),
      row('max_limited_by_load', 0),
    ];
    expect(section(rows)).toContain("no rate met the bound (at 25 a second, the lowest rate tried, the last member's p99 was 14.2 ms)");
  });

  it('names the deliveries lost there when they were what failed it', () => {
    const rows = [row('step_last_p99', 4_000, 25), row('step_lost', 12, 25), row('max_broadcasts_per_s', 0), row('max_limited_by_load', 0)];
    expect(section(rows)).toContain('no rate met the bound (at 25 a second, the lowest rate tried, 12 deliveries were lost)');
  });
});
