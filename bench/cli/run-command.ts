import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { firstLine, WirebenchError } from '../errors.ts';

/** What every command module exports: its work, from its own arguments (argv after the command's name). */
export type CommandMain = (argv: readonly string[]) => Promise<number>;

/**
 * The top of every command (bench, compare, merge, report, serve): the one place that turns what main()
 * returned or threw into an exit code. A WirebenchError is one line and its code's exit status; anything
 * else is a bug or a damaged file the suite wrote, still one line (its stack helps nobody at a terminal),
 * exit 1. Only here is process.exit called.
 */
export function runCommand(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`wirebench${name ? ` ${name}` : ''}: ${firstLine(message)}`);
      process.exit(error instanceof WirebenchError ? error.exitCode : 1);
    },
  );
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path; // not a file on disk (an eval, a REPL): then it is not this module either
  }
}

/**
 * Runs a command module's main when that module is the process's entry (`tsx bench/cli/bench.ts`, as
 * the npm scripts and the tests start it); imported by the `wirebench` CLI instead, it does nothing here.
 */
export function runIfEntry(moduleUrl: string, name: string, main: CommandMain): void {
  const entry = process.argv[1];
  if (entry !== undefined && realPath(entry) === realPath(fileURLToPath(moduleUrl))) runCommand(name, () => main(process.argv.slice(2)));
}
