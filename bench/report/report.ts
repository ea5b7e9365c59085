import { firstLine } from '../errors.ts';
import type { FailedPointRecord, RunRecord } from '../results/run-record.ts';
import { readable } from './format.ts';
import { summaryRows } from '../results/summary-csv.ts';
import { SCENARIOS } from '../scenarios/registry.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import type { ReportContext } from './scenario-report.ts';
import { browserSection } from './sections/browser.ts';
import { environmentSection } from './sections/environment.ts';
import { methodSection } from './sections/method.ts';
import { warningsSection } from './sections/warnings.ts';
import { ownServerSection } from './sections/own-server.ts';
import { runtimesSection } from './sections/runtimes.ts';
import { primaryView } from '../results/point-runtime.ts';
import { variantsSection } from './sections/variants.ts';

/** What a failed point kept: the marks it reached, the last one's connections and memory (every mark's stats are in run.json). */
function keptMarks(marks: FailedPointRecord['marks']): string {
  const names = Object.keys(marks ?? {});
  const lastName = names.at(-1);
  const last = lastName === undefined ? undefined : marks?.[lastName];
  if (!last) return 'nothing';
  const mb = (bytes: number) => `${readable(bytes / 1e6)} MB`;
  return `${names.length} mark${names.length === 1 ? '' : 's'}; the last, ${lastName}: ${readable(last.connectionsOpen)} connections open, heap ${mb(last.heapUsedBytes)}, RSS ${mb(last.rssBytes)}`;
}

export function failuresSection(run: RunRecord): string[] {
  const failed = run.points.flatMap((p) => (p.status === 'failed' ? [p] : []));
  if (failed.length === 0) return [];
  return [
    '## Failures',
    '',
    '| trial | scenario | transport | reason | measured before it failed |',
    '|--:|---|---|---|---|',
    ...failed.map(
      (p) =>
        `| ${p.trial} | ${p.scenario} | ${p.transport}${p.client === 'browser' ? ' (browser)' : ''} | ${firstLine(p.error.message).replace(/\|/g, '\\|')} | ${keptMarks(p.marks)} |`,
    ),
    '',
    'The whole message and stack of each failure is in run.json (`points[].error`), and the server\'s stats at each mark it reached before it failed (`points[].marks`).',
    '',
  ];
}

/** A scenario's view of the run: its rows come from the run's, its sizes from the run's config. */
function contextFor(scenario: Scenario, run: RunRecord, rows: ReportContext['rows'], allRows: ReportContext['allRows']): ReportContext {
  return { run, rows, allRows, sizes: run.config.sizes[scenario.name] ?? scenario.sizes.quick };
}

/** results/report.md: written for a person choosing a transport; each scenario draws its own section. */
export function renderReport(whole: RunRecord): string {
  // the scenarios compare transports on one runtime, the run's first; the runtimes section sets them side by side
  const run = primaryView(whole);
  const allRows = summaryRows(run);
  // every section compares transports under the Node client; the browser's figures have their own section
  const rows = allRows.filter((r) => r.client === 'node');
  const ok = whole.points.filter((p) => p.status === 'ok').length;
  const parts = SCENARIOS.flatMap((s) => (s.report ? [{ report: s.report, ctx: contextFor(s, run, rows, allRows) }] : []));
  const lines = [
    '# wirebench report',
    '',
    `Run \`${run.runId}\`, started ${run.startedAt}; ${ok} of ${whole.points.length} points measured` +
      (run.status === 'interrupted' ? ' — **the run was interrupted; only what finished is shown**.' : '.'),
    '',
    '## Verdict',
    '',
    ...parts.flatMap(({ report, ctx }) => report.verdict?.(ctx) ?? []),
    '',
    ...ownServerSection(run),
    ...warningsSection(whole),
    ...parts.flatMap(({ report, ctx }) => report.section(ctx)),
    ...runtimesSection(whole, summaryRows(whole)),
    ...variantsSection(rows),
    ...browserSection(allRows, parts.flatMap(({ report, ctx }) => report.browserTable?.(ctx) ?? [])),
    ...failuresSection(whole),
    ...methodSection(run, rows),
    ...environmentSection(whole),
  ];
  return lines.join('\n');
}
