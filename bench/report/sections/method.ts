import type { PayloadKind } from '../../../protocol/payload.ts';
import { findTransport } from '../../../transports/registry.ts';
import { median, readable } from '../format.ts';
import { CI_DEFAULTS } from '../../stats/bootstrap.ts';
import { HIGHEST_US, SIGNIFICANT_DIGITS } from '../../stats/histogram.ts';
import type { RunRecord } from '../../results/run-record.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import { LATE_SEND_US } from '../../load/health.ts';
import { SATURATED_CPU_SHARE, SCHEDULE_LAG_FLOOR_US, SCHEDULE_LAG_SHARE } from '../../load/health.ts';
import { wsCalibrationLine } from './ws-calibration.ts';

/**
 * The suite's own overhead: its `tcp` echo p50 over the plain ping-pong's, timed in turns inside one
 * point's window in each trial, the median of the trials' ratios; runs before that set the trial's
 * ping-pong against the run's own tcp echo point (below).
 */
function calibrationLine(run: RunRecord, rows: readonly SummaryRow[]): string {
  const pairs = (run.calibration ?? []).flatMap((c) => ('interleaved' in c && c.interleaved ? [c.interleaved] : []));
  if (pairs.length > 0) {
    const ratios = pairs.map((p) => p.suiteP50Us / p.pingPongP50Us);
    return (
      `- Calibration: a plain \`node:net\` ping-pong written for this purpose (bench/calibration/ and load/yardstick.ts, no suite code) ` +
      `was timed in ten slices taking turns with the suite's own \`tcp\` echo inside the same window, in ${pairs.length} trial(s), with the ` +
      `same sizes and placement: p50 ${readable(median(pairs.map((p) => p.pingPongP50Us)))} µs against ${readable(median(pairs.map((p) => p.suiteP50Us)))} µs ` +
      `(ratios ${ratios.map((r) => `${r.toFixed(2)}×`).join(', ')}): the suite's own overhead (envelope, framing, bookkeeping) is **${(median(ratios) ?? 0).toFixed(2)}×** ` +
      'the bare round trip. Every transport carries that same overhead, so ratios between transports are unaffected by it.'
    );
  }
  const pingPong = (run.calibration ?? []).flatMap((c) => ('p50Us' in c ? [c.p50Us] : []));
  const suite = rows.filter((r) => r.scenario === 'echo' && r.transport === 'tcp' && r.ratePerS === undefined && r.connections === 1 && r.metric === 'rtt_p50');
  const measuredBeside = (run.calibration ?? []).flatMap((c) => ('suiteP50Us' in c && c.suiteP50Us !== undefined ? [c.suiteP50Us] : []));
  const plain = median(pingPong);
  // the run's own closed-loop, one-connection tcp echo, or else the one measured beside the ping-pong
  const ours = median(suite.length > 0 ? suite.map((r) => r.value) : measuredBeside);
  if (plain === undefined || ours === undefined) {
    return '- Calibration: not measured in this run (it runs when `tcp` echo does).';
  }
  return (
    `- Calibration: a plain \`node:net\` ping-pong written for this purpose (bench/calibration/, no suite code) ran in the ` +
    `same run with the same sizes and placement: p50 ${readable(plain)} µs, against ${readable(ours)} µs for the suite's ` +
    `\`tcp\` echo — a ratio of **${(ours / plain).toFixed(2)}×**, the suite's own overhead (envelope, framing, bookkeeping). ` +
    'Every transport carries that same overhead, so ratios between transports are unaffected by it.'
  );
}

/**
 * The processes each point ran in, as the points record them: a cluster transport's server is several
 * processes, and the load processes per point are each point's own (idle takes more to hold its sockets,
 * a browser point one that drives Chromium), not the --workers of the run.
 */
function processesLine(run: RunRecord): string {
  const clusters = run.config.transports.flatMap((name) => {
    const cluster = findTransport(name)?.cluster;
    return cluster && cluster.processes > 1 ? [`${cluster.processes} for \`${name}\`${cluster.services.length ? ` beside its own ${cluster.services.join(', ')}` : ''}`] : [];
  });
  const byCount = new Map<number, Set<string>>();
  for (const p of run.points) {
    const label = p.client === 'browser' ? `${p.scenario} in the browser` : p.scenario;
    byCount.set(p.job.workers, (byCount.get(p.job.workers) ?? new Set()).add(label));
  }
  const loads = [...byCount.entries()].sort(([a], [b]) => a - b);
  const load =
    loads.length === 1
      ? `${loads[0]?.[0] ?? 0} fresh load process(es)`
      : `fresh load processes (${loads.map(([n, labels]) => `${n} for ${[...labels].join(', ')}`).join('; ')})`;
  const server = clusters.length > 0 ? `a fresh server process (${clusters.join(', ')})` : 'a fresh server process';
  return `- Each point ran in ${server} and ${load} on loopback (127.0.0.1); ${run.environment.pinning}.`;
}

export function methodSection(run: RunRecord, rows: readonly SummaryRow[]): string[] {
  const c = run.config;
  const loop =
    c.ratePerS === undefined
      ? `closed loop, warm-up round trips discarded until the round trip stopped falling (batches of 250; at least ${c.warmup} each or 1 s, at most ${c.warmupS} s), then ${c.messages} measured per connection or as many as fit in ${c.durationS} s`
      : `open loop at ${c.ratePerS} msg/s over all connections, ${c.warmupS} s warm-up discarded, then ${c.durationS} s measured`;
  return [
    '## How it was measured',
    '',
    processesLine(run),
    `- Profile \`${c.profile}\`: ${c.trials} trial(s) per point${Object.keys(c.scenarioTrials ?? {}).length ? ` (${Object.entries(c.scenarioTrials ?? {}).map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}, the order of transports turned by one each trial so that drift on this shared machine hits all alike. Tables give the median across trials and, with several trials, a ${CI_DEFAULTS.confidence * 100}% bootstrap interval.`,
    `- Messages: the suite's envelope (kind, sender, sequence, send time, ${payloadLine(c.payloadKind)}), ${c.payloadBytes} B each, as text. Echo: ${c.connections} connection(s), ${loop}; the other scenarios' sizes are their own (each section says them).`,
    `- Latency: HDR histograms (1 µs to ${readable(HIGHEST_US / 1e6)} s, ${SIGNIFICANT_DIGITS} significant digits) in each load process on the host's monotonic clock, merged exactly across load processes.`,
    '- Bytes: read from the server\'s TCP sockets (every connection the transport accepted, whatever it carried) at the start and the end of the measured window.',
    `- Load-generator health: a point is flagged when a load process used ${SATURATED_CPU_SHARE * 100}% of a core or more, or, in open loop, fell behind its own schedule (its last send left over ${SCHEDULE_LAG_FLOOR_US / 1000} ms, or ${SCHEDULE_LAG_SHARE * 100}% of the window, late: jitter does not add up, a sender short of CPU does). Sends over ${LATE_SEND_US / 1000} ms late are counted either way.`,
    calibrationLine(run, rows),
    ...wsCalibrationLine(run, rows),
    '- One run on a shared machine: compare transports by their ratios within this run, not by absolute times across runs.',
    '',
  ];
}

/** What filled the messages: the load's own messages took the kind asked; the server's pushes and the wire and micro sizes keep padding. */
function payloadLine(kind: PayloadKind | undefined): string {
  if (kind === undefined || kind === 'padding') return 'padding';
  return (
    'then a JSON chat message `{"type","text","id","date"}` whose text is a window into a fixed corpus of varied sentences ' +
    "(--payload-kind json; the server's push streams, the wire and micro scenarios keep padding)"
  );
}
