import { access, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { usageError, WirebenchError } from '../errors.ts';
import type { Figure } from '../results/figure.ts';
import { readRunFile } from '../results/read-run.ts';
import type { RunRecord } from '../results/run-record.ts';
import { primaryView } from '../results/point-runtime.ts';
import { CSV_HEADER, CSV_HEADER_V1, summaryRows, type SummaryRow } from '../results/summary-csv.ts';
import type { Side } from './samples.ts';

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw usageError(`cannot read '${path}': ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** A run.json of any schema this version reads, brought to the current one. */
export const readRunRecord = readRunFile;

/** The commit a run measured, marked when the working tree had changes on top of it. */
export function commitOf(run: RunRecord): string {
  const commit = run.environment?.gitCommit ?? 'unknown';
  return run.environment?.gitDirty ? `${commit} (modified)` : commit;
}

/**
 * Parses summary.csv, the fixed long format of DESIGN.md (plain decimals, no quoting), with or without
 * the `runtime` column schema 2 appended (rows of an older file have no runtime: the run's own).
 */
export function parseSummaryCsv(text: string, path: string): SummaryRow[] {
  const [header, ...lines] = text.trimEnd().split('\n');
  if (header?.trim() !== CSV_HEADER && header?.trim() !== CSV_HEADER_V1) throw usageError(`'${path}' does not start with the summary.csv header`);
  return lines.map((line) => {
    const [runId = '', trial, client = '', transport = '', scenario = '', payload, conns, rate, metric = '', value, unit, runtime] =
      line.split(',');
    return {
      runId,
      trial: Number(trial),
      client,
      transport,
      scenario,
      payloadBytes: Number(payload),
      connections: Number(conns),
      ...(rate ? { ratePerS: Number(rate) } : {}),
      metric,
      value: Number(value),
      unit: (unit ?? 'count').trim() as Figure['unit'],
      ...(runtime?.trim() ? { runtime: runtime.trim() } : {}),
    };
  });
}

/**
 * Figures of a run record as its points store them, on its first runtime only (the gate compares a
 * point with the same point, never one runtime's trials with another's); undefined if this code cannot
 * read its results.
 */
export function figuresOf(run: RunRecord): SummaryRow[] | undefined {
  try {
    return summaryRows(primaryView(run));
  } catch {
    // a point of a shape this version does not know: the summary.csv beside the run says what its own code derived
    return undefined;
  }
}

/**
 * Reads one side from a run.json or a summary.csv. A run.json is turned into figures by this code, so
 * both sides are derived alike; when it was written by a version whose results this code cannot read,
 * the summary.csv beside it (written by its own version) is used instead.
 */
export async function readSide(path: string): Promise<Side> {
  if (path.endsWith('.csv')) {
    const rows = parseSummaryCsv(await readText(path), path);
    // the run.json beside it only names the commit: without one (or with one this version cannot read) it is 'unknown'
    const run = await readRunRecord(join(dirname(path), 'run.json')).catch(() => undefined);
    return { runId: run?.runId ?? rows[0]?.runId ?? basename(path), commit: run ? commitOf(run) : 'unknown', rows, ...(run ? { run } : {}) };
  }
  const run = await readRunRecord(path).catch(async (error: unknown) => {
    // a run whose points this version cannot upgrade, or that its schema does not describe (another
    // version's shape): the summary.csv beside it is still its own code's figures, when there is one
    if (error instanceof WirebenchError && !(await exists(join(dirname(path), 'summary.csv')))) throw error;
    return undefined;
  });
  if (!run) {
    const rows = await readCsvBeside(path);
    return { runId: rows[0]?.runId ?? basename(path), commit: 'unknown', rows };
  }
  return { runId: run.runId, commit: commitOf(run), rows: figuresOf(run) ?? (await readCsvBeside(path)), run };
}

const exists = (path: string) => access(path).then(() => true, () => false);

async function readCsvBeside(path: string): Promise<SummaryRow[]> {
  const csvPath = join(dirname(path), 'summary.csv');
  // no file there is what the message below says
  const csv = await readFile(csvPath, 'utf8').catch(() => undefined);
  if (csv === undefined) {
    throw usageError(`'${path}' was written by a wirebench whose results this one cannot read, and no summary.csv is beside it`);
  }
  return parseSummaryCsv(csv, csvPath);
}
