import { readFile } from 'node:fs/promises';
import { usageError } from '../errors.ts';
import { RUN_SCHEMA, type RunRecord } from './run-record.ts';
import { upgradeV1Run, type V1Run } from './upgrade-v1.ts';
import { schemaProblem } from './schema-check.ts';

/** run_id becomes a folder name: only what newRunId makes may pass, never `..` or a separator. */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What every reader of a schema-1 run needs (the points themselves are read by each scenario's upgradeV1). */
function v1Problem(value: Record<string, unknown>): string | undefined {
  if (typeof value.runId !== 'string' || !RUN_ID.test(value.runId)) return 'missing or bad runId';
  if (!Array.isArray(value.points) || !isObject(value.config) || !isObject(value.environment)) return 'missing points, config or environment';
  return undefined;
}

/**
 * Checks a run against its schema (schemas/run.schema.json for the current one) and brings a run of an
 * older schema to this one; anything else is a one-line usage error naming the file and the first
 * place it breaks the schema.
 */
export function asRunRecord(value: unknown, path: string): RunRecord {
  const problem = !isObject(value)
    ? 'not a JSON object'
    : value.schema === RUN_SCHEMA
      ? schemaProblem('run', value)
      : value.schema === 1
        ? v1Problem(value)
        : `unsupported schema ${JSON.stringify(value.schema)} (this version reads schemas 1 and ${RUN_SCHEMA})`;
  if (problem) throw usageError(`'${path}' is not a wirebench run.json: ${problem}`);
  const run = value as unknown as RunRecord | V1Run;
  return run.schema === 1 ? upgradeV1Run(run) : run;
}

/** Reads and checks a run.json: the one way every command reads one. */
export async function readRunFile(path: string): Promise<RunRecord> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw usageError(`cannot read '${path}': ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw usageError(`'${path}' is not valid JSON: ${(error as Error).message}`);
  }
  return asRunRecord(parsed, path);
}
