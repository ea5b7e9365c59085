import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunRecord } from './run-record.ts';
import { CHARTS_DIR } from '../report/charts/chart.ts';
import { renderCharts } from '../report/charts/render.ts';
import { renderReport } from '../report/report.ts';
import { summaryRows, toCsv } from './summary-csv.ts';
import { primaryView } from './point-runtime.ts';
import { ensureOutputFolder } from './output-folder.ts';
import { benchmarkFromRows, toBenchmarkJson } from './benchmark-json.ts';
import { renderHtml } from '../report/html.ts';

/** Writes a file whole or not at all: a reader never sees half of it. */
async function writeAtomic(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

export interface WrittenFiles {
  report: string;
  summary: string;
  runJson: string;
  /** github-action-benchmark's customSmallerIsBetter list (benchmark-json.ts) */
  benchmark: string;
  /** the report as a page with interactive charts, written with the charts (none while the run is still going) */
  html?: string;
  runDir: string;
  /** chart files written at the top of the output folder (none while the run is still going) */
  charts: string[];
}

export interface WriteOptions {
  /**
   * Draw the charts too. By default only once the run has ended: the CLI writes after every point while
   * the next point is being measured, and rendering in the orchestrator then would steal CPU from it.
   */
  charts?: boolean;
}

/**
 * run.json alone, at once and synchronously, in both places: on Ctrl-C the record says it was interrupted
 * before anything else can end the process (a compare's process group being stopped ended a bench now
 * and then before its last write: its run.json left "running"); the full write follows when it can.
 */
export function writeRunJsonNow(run: RunRecord, outDir: string): void {
  const text = JSON.stringify(run, null, 1) + '\n';
  for (const dir of [join(outDir, 'runs', run.runId), outDir]) {
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `.run.json.${process.pid}.now`);
    writeFileSync(tmp, text);
    renameSync(tmp, join(dir, 'run.json'));
  }
}

/**
 * Writes report.md, summary.csv, run.json, benchmark.json and charts/ into runs/<run_id>/ (kept: a new run loses nothing
 * of an earlier one) and the same at the top of the output folder as the latest run.
 */
export async function writeResults(run: RunRecord, outDir: string, options: WriteOptions = {}): Promise<WrittenFiles> {
  const runDir = join(outDir, 'runs', run.runId);
  await ensureOutputFolder(outDir);
  await mkdir(runDir, { recursive: true });
  // charts first, so that a report is never seen linking charts not yet there
  const drawing = options.charts ?? run.status !== 'running';
  const charts = drawing ? await renderCharts(summaryRows(primaryView(run))) : [];
  for (const dir of [runDir, outDir]) {
    if (charts.length) await mkdir(join(dir, CHARTS_DIR), { recursive: true });
    for (const chart of charts) await writeAtomic(join(dir, CHARTS_DIR, chart.file), chart.svg);
  }
  const rows = summaryRows(run);
  const files: Record<string, string> = {
    'run.json': JSON.stringify(run, null, 1) + '\n',
    'summary.csv': toCsv(rows),
    'benchmark.json': toBenchmarkJson(benchmarkFromRows(rows)),
    'report.md': renderReport(run),
  };
  // the page inlines vega (about 1 MB): made with the charts, at the end, not after every point
  if (drawing) files['report.html'] = await renderHtml(run, files['report.md'] ?? '');
  for (const [name, text] of Object.entries(files)) {
    await writeAtomic(join(runDir, name), text);
    await writeAtomic(join(outDir, name), text);
  }
  return {
    report: join(outDir, 'report.md'),
    summary: join(outDir, 'summary.csv'),
    runJson: join(outDir, 'run.json'),
    benchmark: join(outDir, 'benchmark.json'),
    ...(drawing ? { html: join(outDir, 'report.html') } : {}),
    runDir,
    charts: charts.map((chart) => join(outDir, CHARTS_DIR, chart.file)),
  };
}
