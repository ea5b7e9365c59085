import { readFile } from 'node:fs/promises';
import type { Comparison } from '../compare/compare-runs.ts';
import { usageError } from '../errors.ts';
import { schemaProblem } from './schema-check.ts';

/** compare.json as `bench:compare` writes it (write-comparison.ts toJson): the comparison, its schema number first. */
export type ComparisonFile = Comparison & { schema: 1 };

/** Reads a compare.json and checks it against schemas/compare.schema.json; anything else is a one-line usage error. */
export async function readComparisonFile(path: string): Promise<ComparisonFile> {
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
  const problem = schemaProblem('compare', parsed);
  if (problem) throw usageError(`'${path}' is not a wirebench compare.json: ${problem}`);
  return parsed as ComparisonFile;
}
