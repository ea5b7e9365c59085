/**
 * `wirebench <command> [options]` (package.json `bin`, so `npx wirebench` in a clone): one CLI for the
 * commands the npm scripts run one by one. Each command's module is loaded only when named, so that
 * `wirebench serve` never loads the orchestrator; each keeps its own options and --help.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../processes/child-process.ts';
import { usageError } from '../errors.ts';
import { runCommand, type CommandMain } from './run-command.ts';

interface Command {
  /** one line for the list */
  summary: string;
  /** the npm script that runs the same */
  script: string;
  load: () => Promise<{ main: CommandMain }>;
  /** the prefix of its error lines; bench keeps the bare `wirebench:` it always had */
  errorName: string;
}

export const COMMANDS: Readonly<Record<string, Command>> = {
  bench: { summary: 'run transports through scenarios, write the report and print its summary', script: 'npm run bench --', load: () => import('./bench.ts'), errorName: '' },
  compare: { summary: 'the regression gate: two runs, or a git ref against the working tree', script: 'npm run bench:compare --', load: () => import('./compare.ts'), errorName: 'compare' },
  serve: { summary: 'one transport\'s server alone, with a page for people and browsers', script: 'npm run serve --', load: () => import('./serve.ts'), errorName: 'serve' },
  report: { summary: 'redraw the report (and print its summary) from a stored run.json', script: 'npm run report --', load: () => import('./report.ts'), errorName: 'report' },
  merge: { summary: 'add the runs of several load hosts into one', script: 'npm run bench:merge --', load: () => import('./merge.ts'), errorName: 'merge' },
};

export function version(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 2;
  return [
    'Usage: wirebench <command> [options]',
    '',
    'Every way a web page can talk to a Node.js server in real time, measured side by side.',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`),
    '',
    'wirebench <command> --help    that command\'s options',
    'wirebench --version           the version',
    '',
    `The npm scripts run the same commands: ${Object.values(COMMANDS).map((c) => c.script.replace(/ --$/, '')).join(', ')}.`,
    '',
  ].join('\n');
}

/** What `wirebench` alone, --help, --version or an unknown word answers. */
async function topLevel(word: string | undefined): Promise<number> {
  if (word === undefined || word === '--help' || word === '-h' || word === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  if (word === '--version' || word === '-v') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const what = word.startsWith('-') ? `unknown option '${word}'` : `unknown command '${word}'`;
  throw usageError(`${what}; commands: ${Object.keys(COMMANDS).join(', ')} (see --help)`);
}

/** Runs `wirebench <command> ...`: the command's own main with the arguments after its name. */
export function runWirebench(argv: readonly string[]): void {
  const [word, ...rest] = argv;
  const command = word !== undefined && Object.hasOwn(COMMANDS, word) ? COMMANDS[word] : undefined;
  if (command) runCommand(command.errorName, async () => (await command.load()).main(rest));
  else runCommand('', () => topLevel(word));
}
