import { CLIENT_CALIBRATED_TRANSPORT } from '../../calibration/calibrate.ts';
import type { RunRecord } from '../../results/run-record.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import { median, readable } from '../format.ts';

/**
 * The load process against a hand-written client: the ws echo rate the suite's own load process drove over
 * the ws server, set against what a minimal ws client with no suite code drove over the same server in the
 * same run (bench/calibration/ws-echo-client.ts). Below 1 is the suite's own cost on the client side.
 */
export function wsCalibrationLine(run: RunRecord, rows: readonly SummaryRow[]): string[] {
  const handWritten = (run.calibration ?? []).flatMap((c) => ('wsClient' in c && c.wsClient && 'msgsPerS' in c.wsClient ? [c.wsClient] : []));
  const suite = rows.filter(
    (r) => r.scenario === 'echo' && r.transport === CLIENT_CALIBRATED_TRANSPORT && r.ratePerS === undefined && r.connections === 1 && r.metric === 'msgs_per_s',
  );
  const theirs = median(handWritten.map((c) => c.msgsPerS));
  const ours = median(suite.map((r) => r.value));
  if (theirs === undefined || ours === undefined) return [];
  return [
    `- Load process against a hand-written client: a minimal \`${CLIENT_CALIBRATED_TRANSPORT}\` echo client (bench/calibration/ws-echo-client.ts, ` +
      `no suite code) drove ${readable(theirs)} round trips a second (p50 ${readable(median(handWritten.map((c) => c.p50Us)))} µs) over the ` +
      `suite's own ${CLIENT_CALIBRATED_TRANSPORT} server in the same run; the suite's load process drove ${readable(ours)} over it: ` +
      `**${((ours / theirs) * 100).toFixed(0)}%** of the hand-written client's rate.`,
  ];
}
