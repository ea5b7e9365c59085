/**
 * `npm run bench:merge -- a/run.json b/run.json [--out DIR]`: the run.json files of several load hosts,
 * each the same command against the same target, as one run and one report (bench/results/combine-hosts.ts).
 */
import { parseArgs } from 'node:util';
import { usageError } from '../errors.ts';
import { combineHostRuns } from '../results/combine-hosts.ts';
import { readRunFile } from '../results/read-run.ts';
import { runIfEntry } from './run-command.ts';
import { writeResults } from '../results/write-results.ts';
import { newRunId } from '../results/run-record.ts';
import { renderSummary } from '../report/summary.ts';

const DEFAULT_OUT = 'results/merged';

const USAGE = `Usage: wirebench merge <run.json> <run.json>... [--out DIR] [--quiet]      (or: npm run bench:merge -- ...)

Combines the results of several load hosts that ran the same command against the same target
(npm run bench -- --target host:port ...) into one run: latency histograms add, counters sum.
Writes report.md, summary.csv, run.json and benchmark.json to DIR (default: ${DEFAULT_OUT}), and prints
the merged run's summary (not with --quiet).
`;

export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { out: { type: 'string' }, quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    throw usageError(`${(error as Error).message.split('\n')[0]} (see --help)`);
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const paths = parsed.positionals;
  if (paths.length < 2) throw usageError('name at least two run.json files to merge (see --help)');
  const runs = await Promise.all(paths.map(readRunFile));
  const merged = combineHostRuns(runs, `merged-${newRunId()}`);
  const files = await writeResults(merged, parsed.values.out ?? DEFAULT_OUT);
  if (!parsed.values.quiet) process.stdout.write(renderSummary(merged));
  process.stderr.write(`merged ${runs.length} runs, ${merged.points.length} points: wrote ${files.report}, ${files.summary}, ${files.runJson}\n`);
  return 0;
}

runIfEntry(import.meta.url, 'merge', main);
