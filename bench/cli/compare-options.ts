import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { usageError } from '../errors.ts';
import { GATE_DEFAULTS, type GateOptions } from '../compare/compare-runs.ts';
import { takeJsonFlag, type JsonDestination } from './json-flag.ts';

const OPTIONS = {
  base: { type: 'string', help: 'git ref to measure against the working tree (runs both, A B A B ...)' },
  rounds: { type: 'string', default: '8', help: 'A/B rounds always run (one trial of each side per round)' },
  'max-rounds': { type: 'string', default: '12', help: 'cap on rounds when unknown verdicts lean towards a regression' },
  'min-effect': { type: 'string', default: String(GATE_DEFAULTS.minEffect), help: 'smallest timing change to call, as a fraction' },
  alpha: { type: 'string', default: String(GATE_DEFAULTS.alpha), help: 'family-wise error rate of the rank tests (Holm)' },
  json: { type: 'boolean', default: false, help: 'print the JSON form alone instead of markdown (--json=FILE: to that file, markdown on stdout)' },
  out: { type: 'string', default: 'results/compare', help: 'folder for compare.md, compare.json and the A/B runs' },
  'keep-worktree': { type: 'boolean', default: false, help: 'leave the base checkout in place' },
  help: { type: 'boolean', short: 'h', default: false, help: 'show this help' },
} as const;

export type CompareCommand =
  | { mode: 'help' }
  | { mode: 'files'; basePath: string; headPath: string; json?: JsonDestination; outDir?: string; gate: Partial<GateOptions> }
  | {
      mode: 'ab';
      baseRef: string;
      rounds: number;
      maxRounds: number;
      json?: JsonDestination;
      outDir: string;
      keepWorktree: boolean;
      benchArgs: string[];
      gate: Partial<GateOptions>;
    };

export function helpText(): string {
  const lines = Object.entries(OPTIONS).map(([name, o]) => {
    const flag = o.type === 'string' ? `--${name} <value>` : `--${name}`;
    const fallback = 'default' in o && o.type === 'string' ? ` (default: ${o.default})` : '';
    return `  ${flag.padEnd(24)} ${o.help}${fallback}`;
  });
  return [
    'Usage: wirebench compare <base run.json|summary.csv> <head run.json|summary.csv> [options]',
    '       wirebench compare --base <git-ref> [options] [-- <options for every bench run>]',
    '       (or: npm run bench:compare -- ...)',
    '',
    'Compares head against base metric by metric and prints a markdown table (or JSON). With --out, writes',
    'compare.md, compare.json and benchmark.json (head\'s figures, github-action-benchmark\'s customSmallerIsBetter).',
    'Exit 0: nothing regressed; 1: a regression; 2: bad usage; 3: could not measure (a run failed, nothing',
    'gated was measured on both sides); 130: interrupted.',
    '',
    'Options:',
    ...lines,
    '',
  ].join('\n');
}

function fraction(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n >= 1) throw usageError(`--${flag} must be a number between 0 and 1, got '${value}'`);
  return n;
}

function count(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 1) throw usageError(`--${flag} must be a whole number of at least 1, got '${value}'`);
  return n;
}

/** Parses the command line; everything after a lone `--` goes to every bench run of an A/B comparison. */
export function parseCompareOptions(argv: readonly string[]): CompareCommand {
  const split = argv.indexOf('--');
  // --json FILE would read a result file as the JSON's destination: only --json=FILE names one
  const { rest: own, json } = takeJsonFlag(split === -1 ? argv : argv.slice(0, split), { separateValue: false });
  const benchArgs = split === -1 ? [] : argv.slice(split + 1);
  let parsed;
  try {
    parsed = parseArgs({ args: own, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(`${(error as Error).message.split('\n')[0]} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { mode: 'help' };
  const gate = { minEffect: fraction('min-effect', values['min-effect']), alpha: fraction('alpha', values.alpha) };
  if (values.base !== undefined) {
    if (positionals.length > 0) throw usageError('give either --base <git-ref> or two result files, not both');
    const rounds = count('rounds', values.rounds);
    const maxRounds = count('max-rounds', values['max-rounds']);
    if (maxRounds < rounds) throw usageError(`--max-rounds (${maxRounds}) must be at least --rounds (${rounds})`);
    return {
      mode: 'ab',
      baseRef: values.base,
      rounds,
      maxRounds,
      ...(json ? { json } : {}),
      outDir: resolve(values.out),
      keepWorktree: values['keep-worktree'],
      benchArgs,
      gate,
    };
  }
  if (benchArgs.length > 0) throw usageError('options after -- are for bench runs, which only --base makes');
  const [basePath, headPath, ...rest] = positionals;
  if (basePath === undefined || headPath === undefined || rest.length > 0) {
    throw usageError('give two result files (base first) or --base <git-ref> (see --help)');
  }
  const outGiven = own.some((a) => a === '--out' || a.startsWith('--out='));
  return { mode: 'files', basePath, headPath, ...(json ? { json } : {}), ...(outGiven ? { outDir: resolve(values.out) } : {}), gate };
}
