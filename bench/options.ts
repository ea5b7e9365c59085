import { parseArgs } from 'node:util';
import { CLIENTS } from '../clients/registry.ts';
import { SERVERS } from '../servers/registry.ts';
import { DEFAULTS, type BenchConfig } from './config.ts';
import { CliError } from './errors.ts';
import { SCENARIOS } from './scenarios/registry.ts';

/** A transport is runnable when it has both a server and a Node client. */
export const TRANSPORTS = Object.keys(SERVERS).filter((name) => Object.hasOwn(CLIENTS, name));

/** The smallest payload that holds the envelope's header with room to spare for large sequence numbers. */
export const MIN_PAYLOAD_BYTES = 40;
/** The largest: 16 MiB is far beyond any default message limit, so a larger one is surely a typo. */
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

const OPTIONS = {
  transports: { type: 'string', default: TRANSPORTS.join(','), help: 'comma-separated transports' },
  scenarios: { type: 'string', default: Object.keys(SCENARIOS).join(','), help: 'comma-separated scenarios' },
  payload: { type: 'string', default: String(DEFAULTS.payloadBytes), help: 'message size in bytes, whole envelope' },
  connections: { type: 'string', default: String(DEFAULTS.connections), help: 'connections per point' },
  messages: { type: 'string', default: String(DEFAULTS.messages), help: 'measured messages per connection' },
  warmup: { type: 'string', default: String(DEFAULTS.warmup), help: 'discarded warm-up round trips per connection' },
  trials: { type: 'string', default: String(DEFAULTS.trials), help: 'trials per point, each in fresh processes' },
  out: { type: 'string', default: DEFAULTS.outDir, help: 'output folder' },
  quiet: { type: 'boolean', default: false, help: 'no progress on stderr' },
  help: { type: 'boolean', short: 'h', default: false, help: 'show this help' },
} as const;

export function helpText(): string {
  const lines = Object.entries(OPTIONS).map(([name, o]) => {
    const flag = o.type === 'string' ? `--${name} <value>` : `--${name}`;
    const fallback = o.type === 'string' ? ` (default: ${o.default})` : '';
    return `  ${flag.padEnd(24)} ${o.help}${fallback}`;
  });
  return [
    'Usage: npm run bench -- [options]',
    '',
    'Runs every transport through the same scenarios in separate server and load processes on loopback,',
    'and writes results/report.md, results/summary.csv and results/run.json.',
    '',
    'Options:',
    ...lines,
    '',
    `Transports: ${TRANSPORTS.join(', ')}`,
    `Scenarios: ${Object.keys(SCENARIOS).join(', ')}`,
    '',
  ].join('\n');
}

function names(flag: string, value: string, known: readonly string[]): string[] {
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0) throw new CliError(`--${flag} names nothing; choose from: ${known.join(', ')}`);
  for (const name of list) {
    if (!known.includes(name)) throw new CliError(`unknown ${flag.replace(/s$/, '')} '${name}'; choose from: ${known.join(', ')}`);
  }
  return [...new Set(list)];
}

function wholeNumber(flag: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
    throw new CliError(`--${flag} must be a whole number ${range}, got '${value}'`);
  }
  return n;
}

export type ParsedCommand = { help: true } | { help: false; config: BenchConfig };

/** Parses and checks the command line; every mistake is a CliError naming the flag. */
export function parseOptions(argv: readonly string[]): ParsedCommand {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: false, strict: true }));
  } catch (error) {
    throw new CliError(`${(error as Error).message.split('\n')[0]} (see --help)`);
  }
  if (values.help) return { help: true };
  return {
    help: false,
    config: {
      transports: names('transports', values.transports, TRANSPORTS),
      scenarios: names('scenarios', values.scenarios, Object.keys(SCENARIOS)),
      payloadBytes: wholeNumber('payload', values.payload, MIN_PAYLOAD_BYTES, MAX_PAYLOAD_BYTES),
      connections: wholeNumber('connections', values.connections, 1),
      messages: wholeNumber('messages', values.messages, 1),
      warmup: wholeNumber('warmup', values.warmup, 0),
      trials: wholeNumber('trials', values.trials, 1),
      outDir: values.out,
      quiet: values.quiet,
      replyTimeoutMs: DEFAULTS.replyTimeoutMs,
      pointTimeoutMs: DEFAULTS.pointTimeoutMs,
    },
  };
}
