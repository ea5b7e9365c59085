/** `wirebench bench` (`npm run bench`): reads its options, runs, prints the summary; runCommand exits. */
import { readEnvironment } from '../run/environment.ts';
import { Orchestrator } from '../run/orchestrator.ts';
import { helpText, parseOptions } from './bench-options.ts';
import { writeResults, writeRunJsonNow } from '../results/write-results.ts';
import { summaryRows } from '../results/summary-csv.ts';
import { printProgress } from './progress.ts';
import { RUN_SCHEMA, newRunId, type RunRecord } from '../results/run-record.ts';
import { runIfEntry } from './run-command.ts';
import { dirname } from 'node:path';
import { renderSummary } from '../report/summary.ts';
import { npmBannerNote, writeJson } from './json-flag.ts';
import { ensureOutputFolder } from '../results/output-folder.ts';
import { prepareRuntimes } from '../runtimes/prepare.ts';

export async function main(argv: readonly string[]): Promise<number> {
  const command = parseOptions(argv);
  if (command.help) {
    process.stdout.write(helpText());
    return 0;
  }
  const { config } = command;
  const note = npmBannerNote(command.json);
  if (note) process.stderr.write(`${note}\n`);
  await ensureOutputFolder(config.outDir);
  if (command.json?.to === 'file') await ensureOutputFolder(dirname(command.json.path));
  // installed and started once each before anything is measured: one that cannot be is a usage error now
  const runtimes = prepareRuntimes(config.runtimes, config.quiet);
  const orchestrator = new Orchestrator(config);
  const run: RunRecord = {
    schema: RUN_SCHEMA,
    runId: newRunId(),
    startedAt: new Date().toISOString(),
    status: 'running',
    environment: readEnvironment(orchestrator.pinned, config.transports, runtimes),
    config,
    points: [],
    calibration: [],
  };
  const progress = config.quiet ? undefined : printProgress(orchestrator);

  let interrupted = false;
  const stop = () => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write('\nstopping: ending child processes and writing what was measured…\n');
    run.status = 'interrupted';
    try {
      writeRunJsonNow(run, config.outDir);
    } catch {
      // the full write at the end says why, if it cannot write either
    }
    void orchestrator.abort();
  };
  // on, not once: Ctrl-C reaches this process twice (from the terminal, and relayed by tsx's parent), and a
  // second signal left to its default would end the process before it wrote what it measured
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  // written after every point, so a crash or Ctrl-C loses nothing already measured
  let writing = Promise.resolve();
  await orchestrator.run(
    (point) => {
      run.points.push(point);
      writing = writing.then(() => writeResults(run, config.outDir).then(() => undefined));
    },
    (calibration) => (run.calibration ??= []).push(calibration),
  );
  progress?.stop();
  await writing;
  run.status = interrupted ? 'interrupted' : 'complete';
  run.finishedAt = new Date().toISOString();
  const files = await writeResults(run, config.outDir);
  const { json } = command;
  if (json) await writeJson(json, JSON.stringify(summaryRows(run), null, 1) + '\n');
  const failed = run.points.filter((p) => p.status === 'failed').length;
  if (!config.quiet) {
    // the summary goes where people look, stdout, unless the JSON has it: then beside the progress
    (json?.to === 'stdout' ? process.stderr : process.stdout).write(`\n${renderSummary(run)}`);
    process.stderr.write(`wrote ${[files.report, files.html, files.summary, files.runJson, files.benchmark].filter(Boolean).join(', ')} (kept in ${files.runDir})\n`);
  }
  if (interrupted) return 130;
  return failed ? 1 : 0;
}

runIfEntry(import.meta.url, '', main);
