import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { compareSides, type Comparison, type GateOptions } from './compare-runs.ts';
import { mergeRuns, type RoundRun } from './pool-rounds.ts';
import { parseSummaryCsv, readRunRecord } from './read-figures.ts';
import type { RunRecord } from '../results/run-record.ts';
import { checkoutBase } from './worktree.ts';
import { runStep } from './steps.ts';
import { interrupted } from '../errors.ts';
import { runRounds } from './extra-rounds.ts';
import { seedOf, type SideName } from './round-order.ts';
import { SCENARIOS } from '../scenarios/registry.ts';
import { environmentDiff } from './environment-diff.ts';

/**
 * The scenarios every base and head run measures: those that say so (`inCompareRuns`, in their own
 * folders), with a gate, among those the default run takes (a variant such as idle-used inherits its
 * base's inCompareRuns, and runs only when named). No list here: a scenario joins by declaring it.
 */
export const AB_SCENARIOS: readonly string[] = SCENARIOS.filter((s) => s.inCompareRuns && s.gate && !s.notByDefault).map((s) => s.name);

/**
 * What every base and head run measures: the ci profile (one trial per run) on AB_SCENARIOS (echo
 * carries latency, wire bytes and server CPU per message for every transport, each point with the
 * machine's yardstick timed inside its window). 8 rounds give 8 trials a side, the fewest with which the
 * exact rank test can clear Holm over all the gated metrics; one trial per run spreads them over 8 runs a
 * side instead of 4, in about the same time.
 */
export const AB_BENCH_ARGS: readonly string[] = ['--profile', 'ci', '--scenarios', AB_SCENARIOS.join(','), '--quiet'];

export interface AbOptions {
  repo: string;
  baseCommit: string;
  /** rounds always run; each round is one base run then one head run */
  rounds: number;
  /** the cap for extra rounds earned by unknown verdicts that lean towards a regression */
  maxRounds: number;
  outDir: string;
  /** passed to every bench run after AB_BENCH_ARGS */
  benchArgs: readonly string[];
  keepWorktree: boolean;
  gate: Partial<GateOptions>;
  log: (line: string) => void;
  /** aborted on Ctrl-C: the bench run under way writes what it measured, and the base checkout goes */
  stop?: AbortSignal;
}

export interface AbResult {
  comparison: Comparison;
  base: RunRecord;
  head: RunRecord;
  rounds: number;
}

/**
 * The checkout's own `bench` script, run as tsx runs it but without npm in front: on SIGINT npm exits at
 * once and the bench went down with it before it wrote what it measured (its run.json left "running",
 * seen with npm 11 and tsx on Node 24), while tsx as the group's first process relays the signal and
 * waits. A script of another shape is run through npm, as before.
 */
export function benchCommand(cwd: string): { command: string; args: string[] } {
  const scripts = (JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts;
  const entry = /^tsx (\S+)$/.exec(scripts?.['bench'] ?? '')?.[1];
  if (entry) return { command: process.execPath, args: [join(cwd, 'node_modules', 'tsx', 'dist', 'cli.mjs'), entry] };
  return { command: 'npm', args: ['run', '--silent', 'bench', '--'] };
}

/** A bench run may exit 1 when a point failed: its results still count, as long as it wrote them. */
async function benchOnce(label: string, cwd: string, outDir: string, extra: readonly string[], stop?: AbortSignal): Promise<RoundRun> {
  const bench = benchCommand(cwd);
  const code = await runStep(bench.command, [...bench.args, '--out', outDir, ...AB_BENCH_ARGS, ...extra], cwd, stop);
  if (stop?.aborted) throw interrupted(`interrupted in a ${label} run; the runs measured so far are in ${dirname(outDir)}`);
  const csvPath = join(outDir, 'summary.csv');
  // no summary.csv is what the next line reports
  const csv = await readFile(csvPath, 'utf8').catch(() => undefined);
  if (csv === undefined) throw new Error(`the ${label} bench run wrote no results (exit ${code}); see its output above`);
  // the figures as the run's own code derived them: base and head may store raw results differently
  return { run: await readRunRecord(join(outDir, 'run.json')), rows: parseSummaryCsv(csv, csvPath) };
}

/**
 * Runs base and head alternately (A B B A ...; see round-order.ts) so that drift in the machine's speed
 * hits both sides alike, then compares; unknowns that lean towards a regression earn more rounds up to
 * maxRounds (extra-rounds.ts).
 */
export async function runAb(o: AbOptions): Promise<AbResult> {
  const checkout = await checkoutBase(o.repo, o.baseCommit, o.log, o.stop);
  try {
    const plan = { rounds: o.rounds, maxRounds: o.maxRounds, seed: seedOf(o.baseCommit), log: o.log };
    const runSide = (side: SideName, round: number) =>
      benchOnce(side, side === 'base' ? checkout.dir : o.repo, join(o.outDir, 'runs', `${side}-${round}`), o.benchArgs, o.stop);
    return await runRounds(plan, runSide, (base, head) => {
      const b = mergeRuns('base', base);
      const h = mergeRuns('head', head);
      const comparison = { ...compareSides(b.side, h.side, o.gate), environment: environmentDiff(b.run, h.run) };
      return { comparison, base: b.run, head: h.run };
    });
  } finally {
    if (o.keepWorktree) o.log(`kept the base checkout at ${checkout.dir}`);
    else await checkout.remove();
  }
}
