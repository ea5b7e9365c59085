/** `npm run bench:compare`: the regression gate. The one place here that reads argv, prints and exits. */
import { ROOT } from '../processes/child-process.ts';
import { runAb } from '../compare/ab-runner.ts';
import { helpText, parseCompareOptions } from './compare-options.ts';
import { compareSides, type Comparison } from '../compare/compare-runs.ts';
import { renderMarkdown } from '../compare/markdown.ts';
import { environmentDiff } from '../compare/environment-diff.ts';
import { readSide } from '../compare/read-figures.ts';
import { resolveCommit } from '../compare/steps.ts';
import { appendStepSummary, githubOutcome, toJson, writeComparison } from '../compare/write-comparison.ts';
import { runIfEntry } from './run-command.ts';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { benchmarkFromComparison, toBenchmarkJson } from '../results/benchmark-json.ts';
import type { RunRecord } from '../results/run-record.ts';
import { npmBannerNote, writeJson, type JsonDestination } from './json-flag.ts';
import { ensureOutputFolder } from '../results/output-folder.ts';
import { notMeasured, WirebenchError } from '../errors.ts';

/**
 * The gate's exit codes: 0 nothing regressed; 1 a regression; 2 bad usage (as every command); 3 the gate
 * could not measure, so it cannot vouch for head either way (CI fails on both 1 and 3, and tells them
 * apart); 130 interrupted.
 */
export const EXIT = { pass: 0, regression: 1, usage: 2, notMeasured: 3, interrupted: 130 } as const;

const log = (line: string) => process.stderr.write(`wirebench compare: ${line}\n`);

/** Prints the comparison (markdown, or the JSON form alone), writes its files and the CI step summary. */
async function report(c: Comparison, json: JsonDestination | undefined, write: (md: string, js: string) => Promise<void>): Promise<number> {
  const markdown = renderMarkdown(c);
  const jsonText = toJson(c);
  await write(markdown, jsonText);
  if (json) await writeJson(json, jsonText);
  if (json?.to !== 'stdout') process.stdout.write(markdown);
  await appendStepSummary(markdown);
  // a comparison with nothing judged on both sides vouches for nothing: say so, and exit as unmeasured
  const unjudged = !c.regressed && !c.rows.some((r) => r.base.n > 0 && r.head.n > 0);
  const why = unjudged ? 'could not measure: no gated metric was measured on both sides' : undefined;
  if (why) log(why);
  const verdict = c.regressed ? 'regression' : unjudged ? 'not-measured' : 'pass';
  for (const line of await githubOutcome(verdict, c, why)) process.stderr.write(`${line}\n`);
  return c.regressed ? EXIT.regression : unjudged ? EXIT.notMeasured : EXIT.pass;
}

/** Anything that stops the runs other than bad usage or Ctrl-C means the gate could not measure (exit 3). */
const unmeasured = (error: unknown): never => {
  if (error instanceof WirebenchError && (error.code === 'WB_USAGE' || error.code === 'WB_INTERRUPTED')) throw error;
  throw notMeasured(`could not measure: ${error instanceof Error ? error.message : String(error)}`, error);
};

/** The outcome CI reads of a gate that could not measure, then the error as every command ends with one. */
const reportUnmeasured = async (error: unknown): Promise<never> => {
  if (error instanceof WirebenchError && error.code === 'WB_NOT_MEASURED') {
    for (const line of await githubOutcome('not-measured', undefined, error.message)) process.stderr.write(`${line}\n`);
  }
  throw error;
};

/** compare.md and compare.json (and the sides' runs), and head's figures as benchmark.json beside them. */
async function writeAll(outDir: string, c: Comparison, md: string, js: string, merged?: { base: RunRecord; head: RunRecord }): Promise<void> {
  await writeComparison(outDir, md, js, merged);
  await writeFile(join(outDir, 'benchmark.json'), toBenchmarkJson(benchmarkFromComparison(c.rows)));
}

export async function main(argv: readonly string[]): Promise<number> {
  const command = parseCompareOptions(argv);
  if (command.mode === 'help') {
    process.stdout.write(helpText());
    return 0;
  }
  const note = npmBannerNote(command.json);
  if (note) process.stderr.write(`wirebench compare: ${note}\n`);
  // before anything is read or run: a folder that cannot be written is the user's to fix
  const { outDir } = command;
  if (outDir !== undefined) await ensureOutputFolder(outDir);
  if (command.mode === 'files') {
    const [base, head] = await Promise.all([readSide(command.basePath), readSide(command.headPath)]);
    const judged = compareSides(base, head, command.gate);
    const comparison = base.run && head.run ? { ...judged, environment: environmentDiff(base.run, head.run) } : judged;
    return report(comparison, command.json, async (md, js) => {
      if (outDir) await writeAll(outDir, comparison, md, js);
    });
  }
  const baseCommit = resolveCommit(command.baseRef, ROOT);
  // the first Ctrl-C stops cleanly (the base checkout and its node_modules are removed); a second one
  // meets the default handler and ends us at once
  const stopping = new AbortController();
  const stop = () => {
    log('stopping: ending the bench run under way and removing the base checkout…');
    stopping.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const result = await runAb({
    repo: ROOT,
    baseCommit,
    rounds: command.rounds,
    maxRounds: command.maxRounds,
    outDir: command.outDir,
    benchArgs: command.benchArgs,
    keepWorktree: command.keepWorktree,
    gate: command.gate,
    log,
    stop: stopping.signal,
  })
    .catch(unmeasured)
    .catch(reportUnmeasured);
  log(`${result.rounds} round(s) run; results in ${command.outDir}`);
  return report(result.comparison, command.json, async (md, js) => {
    await writeAll(command.outDir, result.comparison, md, js, { base: result.base, head: result.head });
  });
}

// bad usage is exit 2; runs that could not be made are 3 (EXIT above): the gate fails closed either way
runIfEntry(import.meta.url, 'compare', main);
