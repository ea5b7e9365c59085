import { describe, expect, it } from 'vitest';
import { parseOptions } from '../bench/cli/bench-options.ts';
import { methodSection } from '../bench/report/sections/method.ts';
import type { PointRecord, RunRecord } from '../bench/results/run-record.ts';
import type { SummaryRow } from '../bench/results/summary-csv.ts';
import type { Environment } from '../bench/run/environment.ts';
import { jobOf } from './helpers/records.ts';

/** A run of the given points (failed ones will do: the method section reads only what each point ran in). */
function runOf(transports: string[], points: { scenario: string; workers: number; client?: 'node' | 'browser' }[], calibration: RunRecord['calibration'] = []): RunRecord {
  const parsed = parseOptions(['--transports', transports.join(','), '--workers', '1']);
  if (parsed.help) throw new Error('unexpected --help');
  const records: PointRecord[] = points.map(({ scenario, workers, client = 'node' }) => ({
    trial: 1,
    client,
    transport: transports[0] ?? 'ws',
    scenario,
    job: jobOf(scenario, { workers }),
    status: 'failed',
    error: { code: 'WB_LOAD', message: 'not needed' },
  }));
  return { schema: 2, runId: 'r', startedAt: '', status: 'complete', environment: { pinning: 'pinned' } as Environment, config: parsed.config, points: records, calibration };
}

const tcpEcho = (value: number): SummaryRow => ({ runId: 'r', trial: 1, client: 'node', transport: 'tcp', scenario: 'echo', payloadBytes: 64, connections: 1, metric: 'rtt_p50', value, unit: 'us' });

describe('how it was measured', () => {
  it('gives the load processes each point ran with, not the run\'s --workers for all of them', () => {
    const run = runOf(['ws'], [
      { scenario: 'echo', workers: 1 },
      { scenario: 'idle', workers: 3 },
      { scenario: 'echo', workers: 1, client: 'browser' },
    ]);
    const line = methodSection(run, []).find((l) => l.startsWith('- Each point ran in')) ?? '';
    expect(line).toContain('1 for echo, echo in the browser; 3 for idle');
  });

  it('says so when every point had the same count, and counts a cluster\'s server processes', () => {
    const run = runOf(['ws-redis'], [{ scenario: 'echo', workers: 2 }, { scenario: 'fanout', workers: 2 }]);
    const line = methodSection(run, []).find((l) => l.startsWith('- Each point ran in')) ?? '';
    expect(line).toContain('2 fresh load process(es)');
    expect(line).toContain('2 for `ws-redis` beside its own redis');
  });

  it('gives the suite\'s tcp echo over the plain ping-pong as the calibration ratio, medians of the trials', () => {
    const calibration = [1, 2, 3].map((trial) => ({ trial, p50Us: [20, 25, 30][trial - 1] ?? 0, p99Us: 50, count: 1000 }));
    const run = runOf(['tcp'], [{ scenario: 'echo', workers: 1 }], calibration);
    const line = methodSection(run, [tcpEcho(30), tcpEcho(40), tcpEcho(60)]).find((l) => l.startsWith('- Calibration')) ?? '';
    // 40 µs over 25 µs
    expect(line).toContain('p50 25 µs, against 40 µs');
    expect(line).toContain('**1.60×**');
    expect(methodSection(runOf(['ws'], []), []).find((l) => l.startsWith('- Calibration'))).toContain('not measured in this run');
  });

  it('prefers the ping-pong timed in turns inside the suite\'s own tcp echo window: the median of the trials\' ratios', () => {
    const interleaved = [
      { suiteP50Us: 60, pingPongP50Us: 50 },
      { suiteP50Us: 90, pingPongP50Us: 60 },
      { suiteP50Us: 66, pingPongP50Us: 60 },
    ];
    const calibration = interleaved.map((pair, i) => ({ trial: i + 1, p50Us: 500, p99Us: 900, count: 1000, interleaved: pair }));
    const run = runOf(['tcp'], [{ scenario: 'echo', workers: 1 }], calibration);
    // the run's own tcp echo point (200 µs) and the separate ping-pong (500 µs) are not what it sets side by side
    const line = methodSection(run, [tcpEcho(200)]).find((l) => l.startsWith('- Calibration')) ?? '';
    expect(line).toContain('ratios 1.20×, 1.50×, 1.10×');
    expect(line).toContain('**1.20×**');
    expect(line).toContain('p50 60 µs against 66 µs');
  });

  it('sets the suite\'s ws echo against the hand-written client pair by pair, the median of the pairs\' ratios', () => {
    const pairs = [
      { msgsPerS: 10_000, suiteMsgsPerS: 9_000 },
      { msgsPerS: 5_000, suiteMsgsPerS: 4_000 },
      { msgsPerS: 8_000, suiteMsgsPerS: 8_000 },
    ];
    const calibration = pairs.map((p, i) => ({ trial: i + 1, p50Us: 20, p99Us: 50, count: 1000, wsClient: { ...p, p50Us: 100 } }));
    const run = runOf(['tcp', 'ws'], [{ scenario: 'echo', workers: 1 }], calibration);
    const line = methodSection(run, []).find((l) => l.startsWith('- Load process against a hand-written client')) ?? '';
    // 90%, 80%, 100%: median 90%, though the medians of the rates alone would give 8,000 / 8,000
    expect(line).toContain('3 pairs; ratios 90%, 80%, 100%');
    expect(line).toContain('the suite drove **90%**');
  });
});
