import { writeFile } from 'node:fs/promises';
import { usageError } from '../errors.ts';

/** Where a command's JSON goes: stdout (then nothing else goes there), or a file. */
export type JsonDestination = { to: 'stdout' } | { to: 'file'; path: string };

/**
 * Takes --json, --json=FILE and (where the command takes no positional arguments, so nothing else
 * could be meant) --json FILE out of argv before the rest is parsed: node's parseArgs has no flag whose
 * value may be left out.
 */
export function takeJsonFlag(argv: readonly string[], options: { separateValue: boolean }): { rest: string[]; json?: JsonDestination } {
  const rest: string[] = [];
  let json: JsonDestination | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg !== '--json' && !arg.startsWith('--json=')) {
      rest.push(arg);
      continue;
    }
    if (json) throw usageError('--json given twice');
    let path = arg.startsWith('--json=') ? arg.slice('--json='.length) : undefined;
    const next = argv[i + 1];
    if (path === undefined && options.separateValue && next !== undefined && !next.startsWith('-')) {
      path = next;
      i++;
    }
    if (path === '') throw usageError('--json= names no file (use --json alone for stdout)');
    json = path === undefined || path === '-' ? { to: 'stdout' } : { to: 'file', path };
  }
  return json ? { rest, json } : { rest };
}

/** Writes a command's JSON where --json said: alone on stdout, or to its file. */
export async function writeJson(destination: JsonDestination, text: string): Promise<void> {
  if (destination.to === 'stdout') process.stdout.write(text);
  else await writeFile(destination.path, text);
}

/**
 * Under `npm run` without -s, npm has already printed its "> wirebench bench" banner on stdout, before
 * any JSON of ours: nothing here can take it back, so say how to get the JSON alone. Undefined otherwise.
 */
export function npmBannerNote(destination: JsonDestination | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const npmRun = env['npm_command'] === 'run' || env['npm_command'] === 'run-script';
  if (destination?.to !== 'stdout' || !npmRun || env['npm_config_loglevel'] === 'silent') return undefined;
  return 'note: npm printed its banner on stdout before this JSON; for JSON alone use `npm run -s …`, `npx wirebench …` or `--json FILE`';
}
