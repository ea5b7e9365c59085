import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliError } from '../errors.ts';
import { CSV_HEADER, summaryRows, type SummaryRow } from '../results/summary-csv.ts';
import type { RunRecord } from '../results/run-record.ts';
import type { Figure } from '../scenarios/scenario.ts';
import type { Side } from './samples.ts';

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read '${path}': ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

function isRunRecord(value: unknown): value is RunRecord {
  const v = value as Partial<RunRecord> | null;
  return typeof v === 'object' && v !== null && v.schema === 1 && Array.isArray(v.points) && typeof v.runId === 'string';
}

export async function readRunRecord(path: string): Promise<RunRecord> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readText(path));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`'${path}' is not JSON: ${(error as Error).message}`);
  }
  if (!isRunRecord(parsed)) throw new CliError(`'${path}' is not a wirebench run.json (schema 1)`);
  return parsed;
}

/** The commit a run measured, marked when the working tree had changes on top of it. */
export function commitOf(run: RunRecord): string {
  const commit = run.environment?.gitCommit ?? 'unknown';
  return run.environment?.gitDirty ? `${commit} (modified)` : commit;
}

/** Parses summary.csv, the fixed long format of DESIGN.md (plain decimals, no quoting). */
export function parseSummaryCsv(text: string, path: string): SummaryRow[] {
  const [header, ...lines] = text.trimEnd().split('\n');
  if (header?.trim() !== CSV_HEADER) throw new CliError(`'${path}' does not start with the summary.csv header`);
  return lines.map((line) => {
    const [runId = '', trial, client = '', transport = '', scenario = '', payload, conns, rate, metric = '', value, unit] =
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
    };
  });
}

/** Figures from a run record through this code's scenarios; undefined if this code cannot read its results. */
export function figuresOf(run: RunRecord): SummaryRow[] | undefined {
  try {
    return summaryRows(run);
  } catch {
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
    const run = await readRunRecord(join(dirname(path), 'run.json')).catch(() => undefined);
    return { runId: run?.runId ?? rows[0]?.runId ?? basename(path), commit: run ? commitOf(run) : 'unknown', rows };
  }
  const run = await readRunRecord(path);
  const side = { runId: run.runId, commit: commitOf(run) };
  const rows = figuresOf(run);
  if (rows) return { ...side, rows };
  const csvPath = join(dirname(path), 'summary.csv');
  const csv = await readFile(csvPath, 'utf8').catch(() => undefined);
  if (csv === undefined) {
    throw new CliError(`'${path}' was written by a wirebench whose results this one cannot read, and no summary.csv is beside it`);
  }
  return { ...side, rows: parseSummaryCsv(csv, csvPath) };
}
