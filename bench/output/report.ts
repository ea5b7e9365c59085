import type { RunRecord } from '../run-record.ts';
import { echoSection, echoVerdict } from './sections/echo.ts';
import { environmentSection } from './sections/environment.ts';
import { summaryRows } from './summary-csv.ts';

function failuresSection(run: RunRecord): string[] {
  const failed = run.points.filter((p) => p.status === 'failed');
  if (failed.length === 0) return [];
  return [
    '## Failures',
    '',
    '| trial | scenario | transport | reason |',
    '|--:|---|---|---|',
    ...failed.map((p) => `| ${p.trial} | ${p.scenario} | ${p.transport} | ${(p.error ?? '').replace(/\|/g, '\\|')} |`),
    '',
  ];
}

function methodSection(run: RunRecord): string[] {
  const c = run.config;
  return [
    '## How it was measured',
    '',
    `- Each point ran in a fresh server process and a fresh load process on loopback (127.0.0.1); ${run.environment.pinning}.`,
    `- Messages: the suite's envelope (kind, sender, sequence, send time, padding), ${c.payloadBytes} B each, as text.`,
    `- Echo: ${c.connections} connection(s), ${c.warmup} warm-up round trips discarded, then ${c.messages} measured per connection; ` +
      `${c.trials} trial(s); tables show the median across trials.`,
    '- Latency is recorded in an HDR histogram (1 µs to 60 s, 3 significant digits) by the load process on the host\'s monotonic clock.',
    '- Bytes are read from the server\'s TCP sockets (every connection the transport accepted, whatever it carried), ' +
      'at the start and the end of the measured window.',
    '- One run on a shared machine: compare transports by their ratios within this run, not by absolute times across runs.',
    '',
  ];
}

/** results/report.md: written for a person choosing a transport. */
export function renderReport(run: RunRecord): string {
  const rows = summaryRows(run);
  const ok = run.points.filter((p) => p.status === 'ok').length;
  const lines = [
    '# wirebench report',
    '',
    `Run \`${run.runId}\`, started ${run.startedAt}; ${ok} of ${run.points.length} points measured` +
      (run.status === 'interrupted' ? ' — **the run was interrupted; only what finished is shown**.' : '.'),
    '',
    '## Verdict',
    '',
    ...echoVerdict(rows),
    '',
    ...echoSection(rows),
    ...failuresSection(run),
    ...methodSection(run),
    ...environmentSection(run),
  ];
  return lines.join('\n');
}
