/**
 * `wirebench report <run.json> [--out DIR]`: redraws report.md, summary.csv and the charts of a stored
 * run without measuring anything again, e.g. after the report's code changed. Like `npm run bench`, it
 * writes the run to <out>/runs/<run_id>/ and makes it the latest at the top of <out>.
 */
import { parseArgs } from 'node:util';
import { DEFAULTS } from '../run/config.ts';
import { usageError } from '../errors.ts';
import { readRunFile } from '../results/read-run.ts';
import { runIfEntry } from './run-command.ts';
import { writeResults } from '../results/write-results.ts';
import { renderSummary } from '../report/summary.ts';

const USAGE = `Usage: wirebench report <run.json> [options]      (or: npm run report -- <run.json> [options])

Redraws report.md, summary.csv, benchmark.json and charts/ from a stored run.json, without re-running
anything, and prints the run's summary as \`bench\` does at its end.

Options:
  --out <dir>   output folder (default: ${DEFAULTS.outDir}); the run is kept in <dir>/runs/<run_id>/
  --quiet       no summary
  -h, --help    show this help
`;

export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        out: { type: 'string', default: DEFAULTS.outDir },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw usageError(`${(error as Error).message.split('\n')[0]} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [path, ...extra] = positionals;
  if (path === undefined || extra.length > 0) throw usageError('give exactly one run.json (see --help)');
  const run = await readRunFile(path);
  // a stored run is finished business: draw its charts even if it was cut off while running
  const files = await writeResults(run, values.out, { charts: true });
  if (!values.quiet) process.stdout.write(renderSummary(run));
  process.stderr.write(`wrote ${[files.report, files.html, files.summary, files.benchmark, ...files.charts].filter(Boolean).join(', ')} (kept in ${files.runDir})\n`);
  return 0;
}

runIfEntry(import.meta.url, 'report', main);
