import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunRecord } from '../run-record.ts';
import { renderReport } from './report.ts';
import { summaryRows, toCsv } from './summary-csv.ts';

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
  runDir: string;
}

/**
 * Writes report.md, summary.csv and run.json into runs/<run_id>/ (kept: a new run loses nothing of an
 * earlier one) and the same three at the top of the output folder as the latest run.
 */
export async function writeResults(run: RunRecord, outDir: string): Promise<WrittenFiles> {
  const runDir = join(outDir, 'runs', run.runId);
  await mkdir(runDir, { recursive: true });
  const files: Record<string, string> = {
    'run.json': JSON.stringify(run, null, 1) + '\n',
    'summary.csv': toCsv(summaryRows(run)),
    'report.md': renderReport(run),
  };
  for (const [name, text] of Object.entries(files)) {
    await writeAtomic(join(runDir, name), text);
    await writeAtomic(join(outDir, name), text);
  }
  return {
    report: join(outDir, 'report.md'),
    summary: join(outDir, 'summary.csv'),
    runJson: join(outDir, 'run.json'),
    runDir,
  };
}
