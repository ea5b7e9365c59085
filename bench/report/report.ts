import type { RunRecord } from '../results/run-record.ts';
import { echoSection, echoVerdict } from './sections/echo.ts';
import { environmentSection } from './sections/environment.ts';
import { methodSection } from './sections/method.ts';
import { serverCostSection } from './sections/server-cost.ts';
import { warningsSection } from './sections/warnings.ts';
import { throughputSection } from './sections/throughput.ts';
import { pushSection } from './sections/push.ts';
import { fanoutSection } from './sections/fanout.ts';
import { wireSection } from './sections/wire.ts';
import { overheadSection } from './sections/overhead.ts';
import { microSection } from './sections/micro.ts';
import { connectSection } from './sections/connect.ts';
import { idleSection } from './sections/idle.ts';
import { churnSection } from './sections/churn.ts';
import { browserSection } from './sections/browser.ts';
import { summaryRows } from '../results/summary-csv.ts';

function failuresSection(run: RunRecord): string[] {
  const failed = run.points.filter((p) => p.status === 'failed');
  if (failed.length === 0) return [];
  return [
    '## Failures',
    '',
    '| trial | scenario | transport | reason |',
    '|--:|---|---|---|',
    ...failed.map((p) => `| ${p.trial} | ${p.scenario} | ${p.transport}${p.client === 'browser' ? ' (browser)' : ''} | ${(p.error ?? '').replace(/\|/g, '\\|')} |`),
    '',
  ];
}

/** results/report.md: written for a person choosing a transport. */
export function renderReport(run: RunRecord): string {
  const allRows = summaryRows(run);
  // every section compares transports under the Node client; the browser's figures have their own section
  const rows = allRows.filter((r) => r.client === 'node');
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
    ...warningsSection(run),
    ...echoSection(rows),
    ...serverCostSection(rows),
    ...throughputSection(run, rows),
    ...pushSection(run, rows),
    ...fanoutSection(run, rows),
    ...wireSection(rows),
    ...overheadSection(rows, run.config.profile),
    ...microSection(rows),
    ...connectSection(rows),
    ...idleSection(rows),
    ...churnSection(rows),
    ...browserSection(allRows),
    ...failuresSection(run),
    ...methodSection(run, rows),
    ...environmentSection(run),
  ];
  return lines.join('\n');
}
