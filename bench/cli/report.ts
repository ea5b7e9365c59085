/**
 * `npm run report -- <run.json> [--out DIR]`: redraws report.md, summary.csv and the charts of a stored
 * run without measuring anything again, e.g. after the report's code changed. Like `npm run bench`, it
 * writes the run to <out>/runs/<run_id>/ and makes it the latest at the top of <out>.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DEFAULTS } from '../run/config.ts';
import { CliError } from '../errors.ts';
import { writeResults } from '../results/write-results.ts';
import type { RunRecord } from '../results/run-record.ts';

const USAGE = `Usage: npm run report -- <run.json> [options]

Redraws report.md, summary.csv and charts/ from a stored run.json, without re-running anything.

Options:
  --out <dir>   output folder (default: ${DEFAULTS.outDir}); the run is kept in <dir>/runs/<run_id>/
  -h, --help    show this help
`;

/** run_id becomes a folder name: only what newRunId makes may pass, never `..` or a separator. */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the outline a report needs; the points themselves are trusted as the bench wrote them. */
function asRunRecord(value: unknown, path: string): RunRecord {
  const problem = !isObject(value)
    ? 'not a JSON object'
    : value.schema !== 1
      ? `unsupported schema ${JSON.stringify(value.schema)} (this version reads schema 1)`
      : typeof value.runId !== 'string' || !RUN_ID.test(value.runId)
        ? 'missing or bad runId'
        : !Array.isArray(value.points) || !isObject(value.config) || !isObject(value.environment)
          ? 'missing points, config or environment'
          : undefined;
  if (problem) throw new CliError(`'${path}' is not a wirebench run.json: ${problem}`);
  return value as unknown as RunRecord;
}

async function readRun(path: string): Promise<RunRecord> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read '${path}': ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    return asRunRecord(JSON.parse(text), path);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`'${path}' is not valid JSON: ${(error as Error).message}`);
  }
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: { out: { type: 'string', default: DEFAULTS.outDir }, help: { type: 'boolean', short: 'h', default: false } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message.split('\n')[0]} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [path, ...extra] = positionals;
  if (path === undefined || extra.length > 0) throw new CliError('give exactly one run.json (see --help)');
  const run = await readRun(path);
  // a stored run is finished business: draw its charts even if it was cut off while running
  const files = await writeResults(run, values.out, { charts: true });
  process.stderr.write(`wrote ${[files.report, files.summary, ...files.charts].join(', ')} (kept in ${files.runDir})\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CliError) {
      console.error(`wirebench report: ${error.message}`);
      process.exit(error.exitCode);
    }
    // anything else is a bug or a damaged run.json: still one line, the stack helps nobody here
    console.error(`wirebench report: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
