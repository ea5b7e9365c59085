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
  const paired = handWritten.flatMap((c) => (c.suiteMsgsPerS === undefined ? [] : [{ ...c, suiteMsgsPerS: c.suiteMsgsPerS }]));
  if (paired.length > 0) return pairedLine(paired);
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

/**
 * The same, from pairs measured one right after the other over the same kind of server in each trial
 * (orchestrator.ts): the ratio of each pair, and their median, so that the machine's moment-to-moment
 * speed cancels out. Older runs have only the trial's own echo point to set against it (above).
 */
function pairedLine(pairs: readonly { msgsPerS: number; p50Us: number; suiteMsgsPerS: number }[]): string[] {
  const ratios = pairs.map((p) => p.suiteMsgsPerS / p.msgsPerS);
  const ratio = median(ratios) ?? 0;
  return [
    `- Load process against a hand-written client: a minimal \`${CLIENT_CALIBRATED_TRANSPORT}\` echo client (bench/calibration/ws-echo-client.ts, ` +
      `no suite code) drove ${readable(median(pairs.map((p) => p.msgsPerS)))} round trips a second (p50 ${readable(median(pairs.map((p) => p.p50Us)))} µs) ` +
      `over the suite's own ${CLIENT_CALIBRATED_TRANSPORT} server, and the suite's load process ${readable(median(pairs.map((p) => p.suiteMsgsPerS)))}, ` +
      `each pair measured one right after the other (${pairs.length} pair${pairs.length === 1 ? '' : 's'}; ratios ${ratios.map((r) => `${(r * 100).toFixed(0)}%`).join(', ')}): ` +
      `the suite drove **${(ratio * 100).toFixed(0)}%** of the hand-written client's rate.`,
  ];
}
