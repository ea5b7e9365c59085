import { describe, expect, it } from 'vitest';
import { echoReport } from '../bench/scenarios/echo/report.ts';
import type { RunRecord } from '../bench/results/run-record.ts';
import type { SummaryRow } from '../bench/results/summary-csv.ts';

/** Closed-loop echo rows of three trials per transport: each metric's value in every trial. */
function rows(figures: Record<string, Record<string, number>>): SummaryRow[] {
  return Object.entries(figures).flatMap(([transport, metrics]) =>
    [1, 2, 3].flatMap((trial) =>
      Object.entries(metrics).map(([metric, value]) => ({
        runId: 'r', trial, client: 'node', transport, scenario: 'echo', payloadBytes: 64, connections: 1, metric, value, unit: 'us' as const,
      })),
    ),
  );
}

const verdict = (r: SummaryRow[]) => echoReport.verdict?.({ run: {} as RunRecord, rows: r, allRows: r, sizes: {} }) ?? [];

const BASE = {
  tcp: { rtt_p50: 100, bytes_up_per_msg: 65, bytes_down_per_msg: 65, lost: 0, duplicated: 0 },
  ws: { rtt_p50: 150, bytes_up_per_msg: 70, bytes_down_per_msg: 66, lost: 0, duplicated: 0 },
  polling: { rtt_p50: 50_000, bytes_up_per_msg: 300, bytes_down_per_msg: 380, lost: 0, duplicated: 0 },
};

/** The report's verdict: sentences built from the run's own figures, naming who led and by how much. */
describe('the echo verdict', () => {
  it('names the fastest and slowest transport over the floor, the leanest and heaviest on the wire', () => {
    expect(verdict(rows(BASE))).toEqual([
      '- Lowest echo latency: **ws**, p50 150 µs — 1.50× the raw TCP floor; highest: **polling**, 50,000 µs, 333.33× ws.',
      '- Fewest wire bytes per echo (up + down): **ws**, 136 B; most: **polling**, 680 B, 5.0× as many.',
      '- Delivery: every measured echo came back exactly once on every transport.',
    ]);
  });

  it('says which transports lost or duplicated echoes', () => {
    const lossy = { ...BASE, ws: { ...BASE.ws, duplicated: 2 }, polling: { ...BASE.polling, lost: 1 } };
    expect(verdict(rows(lossy)).at(-1)).toBe('- Delivery problems (lost or duplicated echoes): ws, polling; see the table.');
  });
});
