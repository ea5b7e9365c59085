import { firstLine, WirebenchError } from '../errors.ts';

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
