import type { RunRecord } from '../results/run-record.ts';
import { summaryRows } from '../results/summary-csv.ts';
import { primaryView } from '../results/point-runtime.ts';
import { runtimesSummary } from './sections/runtimes.ts';
import { SCENARIOS } from '../scenarios/registry.ts';
import type { ReportContext } from './scenario-report.ts';
import { warningsSection } from './sections/warnings.ts';
import { ownServerNote } from './sections/own-server.ts';
import { plainText, wrap } from './terminal-text.ts';

/**
 * The summary printed on the terminal when a run ends (and when `report` redraws one): each scenario's
 * own lines (its ScenarioReport.summary), the report's verdict as plain text, and what to look at in
 * report.md. Drawn from the stored figures, as report.md is, so a redraw prints the same.
 */
export function renderSummary(whole: RunRecord): string {
  const run = primaryView(whole);
  const allRows = summaryRows(run);
  const rows = allRows.filter((r) => r.client === 'node');
  const contexts = SCENARIOS.flatMap((s) =>
    s.report ? [{ report: s.report, ctx: { run, rows, allRows, sizes: run.config.sizes[s.name] ?? s.sizes.quick } satisfies ReportContext }] : [],
  );
  const failed = whole.points.filter((p) => p.status === 'failed').length;
  const blocks = contexts.map(({ report, ctx }) => report.summary?.(ctx) ?? []).filter((lines) => lines.length > 0);
  const verdict = contexts.flatMap(({ report, ctx }) => report.verdict?.(ctx) ?? []).flatMap((line) => wrap(plainText(line)));
  const warnings = warningsSection(run).filter((line) => line.startsWith('- ')).length;
  const own = ownServerNote(run);
  const status = run.status === 'interrupted' ? ' (interrupted: only what finished)' : '';
  const lines = [
    `wirebench run ${run.runId}: ${whole.points.length - failed} of ${whole.points.length} points measured${status}`,
    '',
    ...(own ? [...wrap(own), ''] : []),
    ...blocks.flatMap((block) => [...block, '']),
    ...[runtimesSummary(whole, summaryRows(whole))].filter((b) => b.length > 0).flatMap((block) => [...block, '']),
    ...(verdict.length > 0 ? [...verdict, ''] : []),
  ];
  const notes = [
    warnings > 0 ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '',
    failed > 0 ? `${failed} failed point${failed === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  if (notes.length > 0) lines.push(`${notes.join(' and ')}: see report.md.`, '');
  return lines.join('\n');
}
