import { parseArgs } from 'node:util';
import { DEFAULT_TRANSPORTS, TRANSPORTS, TRANSPORT_NAMES, needsServices, transportNamed } from '../../transports/registry.ts';
import { MAX_MESSAGE_BYTES } from '../../servers/limits.ts';
import { PAYLOAD_KINDS, isPayloadKind, type PayloadKind } from '../../protocol/payload.ts';
import { DEFAULTS, type BenchConfig } from '../run/config.ts';
import { usageError } from '../errors.ts';
import { openFilesLimit } from '../load/open-files.ts';
import { scaleProblem } from '../run/scale.ts';
import { targetConfig } from './target-options.ts';
import { OWN_SCHEMES, schemeOf } from '../run/own-target.ts';
import { takeJsonFlag, type JsonDestination } from './json-flag.ts';
import { CLIENT_NAMES, missingBrowser, type Client } from '../browser/support.ts';
import { DEFAULT_PROFILE, PROFILES, isProfileName } from '../run/profiles.ts';
import { DEFAULT_SCENARIOS, SCENARIOS, SCENARIO_NAMES, findScenario } from '../scenarios/registry.ts';
import type { ProfileName } from '../scenarios/scenario.ts';
import { DEFAULT_RUNTIME, RUNTIME_NAMES } from '../runtimes/catalog.ts';
import { unsupportedReason } from '../run/plan.ts';


/** The named scenarios and those they bring (wire brings overhead), in registry order. */
function withCompanions(named: string[]): string[] {
  const wanted = new Set(named.flatMap((name) => [name, ...(findScenario(name)?.brings ?? [])]));
  return SCENARIO_NAMES.filter((name) => wanted.has(name));
}

/**
 * Every scenario's sizes for the profile; with --connections, those that size themselves by
 * connections (connect, idle, churn) take that count instead of their own, so one flag sizes them all.
 */
function scenarioSizes(profile: ProfileName, connections: number | undefined): Record<string, unknown> {
  return Object.fromEntries(
    SCENARIOS.map((s) => {
      const own = s.sizes[profile];
      return [s.name, connections === undefined || !s.withConnections ? own : s.withConnections(own, connections)];
    }),
  );
}

/** The smallest payload that holds the envelope's header with room to spare for large sequence numbers. */
export const MIN_PAYLOAD_BYTES = 40;
/** The largest: what every server accepts (servers/limits.ts); a larger message would only be refused. */
export const MAX_PAYLOAD_BYTES = MAX_MESSAGE_BYTES;

const quick = PROFILES[DEFAULT_PROFILE];

const OPTIONS = {
  transports: { type: 'string', help: 'comma-separated transports', fallback: DEFAULT_TRANSPORTS.join(',') },
  clients: { type: 'string', help: `who loads each transport: ${CLIENT_NAMES.join(', ')} (browser: Chromium)`, fallback: 'node' },
  runtimes: { type: 'string', help: `what the servers and load run on: ${RUNTIME_NAMES.join(', ')} (the first is the report's own; others install on first use)`, fallback: DEFAULT_RUNTIME },
  scenarios: { type: 'string', help: 'comma-separated scenarios', fallback: DEFAULT_SCENARIOS.join(',') },
  profile: { type: 'string', help: `sizes: ${Object.keys(PROFILES).join(' / ')}`, fallback: DEFAULT_PROFILE },
  payload: { type: 'string', help: 'message size in bytes, whole envelope', fallback: String(DEFAULTS.payloadBytes) },
  'payload-kind': { type: 'string', help: `what fills a message after its header: ${PAYLOAD_KINDS.join(' / ')} (json: a chat message)`, fallback: 'padding' },
  connections: { type: 'string', help: 'connections per point', fallback: String(DEFAULTS.connections) },
  rate: { type: 'string', help: 'open loop: messages/s over all connections (closed loop if absent)', fallback: 'closed loop' },
  duration: { type: 'string', help: 'open loop: measured seconds; closed loop: at most this long', fallback: `${quick.durationS} (profile)` },
  messages: { type: 'string', help: 'closed loop: measured round trips per connection', fallback: `${quick.messages} (profile)` },
  warmup: { type: 'string', help: 'closed loop: discarded warm-up round trips per connection', fallback: `${quick.warmup} (profile)` },
  trials: { type: 'string', help: 'trials per point, each in fresh processes', fallback: `${quick.trials} (profile)` },
  workers: { type: 'string', help: 'load processes per point', fallback: String(DEFAULTS.workers) },
  'p99-bound': { type: 'string', help: 'the latency bound of the capacity searches (throughput, broadcast), ms', fallback: String(DEFAULTS.p99BoundUs / 1000) },
  out: { type: 'string', help: 'output folder', fallback: DEFAULTS.outDir },
  json: { type: 'boolean', help: 'summary.csv\'s rows as JSON, alone on stdout (--json FILE: to a file)', fallback: 'off' },
  quiet: { type: 'boolean', help: 'no progress on stderr, no summary at the end', fallback: 'off' },
  target: { type: 'string', help: 'load `npm run serve` servers at host:port[,host:port], or your own at ws://, http:// or tcp://host:port/path (loopback only; see the README)', fallback: 'start its own' },
  'allow-remote-target': { type: 'boolean', help: 'let --target name a host that is not loopback: your own remote host (you answer for the load it gets), or scripts/netns-hosts.sh\'s namespaces', fallback: 'off' },
  help: { type: 'boolean', short: 'h', help: 'show this help', fallback: '' },
} as const;

export function helpText(): string {
  const lines = Object.entries(OPTIONS).map(([name, o]) => {
    const flag = o.type === 'string' ? `--${name} <value>` : `--${name}`;
    return `  ${flag.padEnd(24)} ${o.help}${o.fallback ? ` (default: ${o.fallback})` : ''}`;
  });
  return [
    'Usage: wirebench bench [options]      (or: npm run bench -- [options])',
    '',
    'Runs every transport through the same scenarios in separate server and load processes on loopback,',
    'and writes results/report.md, results/summary.csv and results/run.json (each run kept in results/runs/).',
    '',
    'Options:',
    ...lines,
    '',
    'Transports:',
    ...TRANSPORTS.map((t) => `  ${t.name.padEnd(18)} ${t.description}${t.notByDefault ? ` (only when named: ${t.notByDefault}${needsServices(t) ? ', see scripts/install-redis.sh' : ''})` : ''}`),
    'Scenarios:',
    ...SCENARIOS.map((s) => `  ${s.name.padEnd(12)} ${s.description}${s.notByDefault ? ` (not by default: ${s.notByDefault})` : ''}`),
    '',
    'Your own server (--target ws://, http:// or tcp://127.0.0.1:PORT/PATH; the README has the contract):',
    ...OWN_SCHEMES.map((scheme) => `  ${`${scheme}://`.padEnd(12)} --transports ${TRANSPORTS.filter((t) => schemeOf(t) === scheme).map((t) => t.name).join(' | ')}`),
    ...SCENARIOS.flatMap((s) => (s.ownServer ? [`  ${s.name.padEnd(12)} needs ${s.ownServer}`] : [])),
    '',
  ].join('\n');
}

function names(flag: string, value: string, known: readonly string[]): string[] {
  const list = value.split(',').map((s) => s.trim());
  if (list.every((name) => name === '')) throw usageError(`--${flag} names nothing; choose from: ${known.join(', ')}`);
  // `ws,,` or `ws,` is a slip (a name left out?), not a list of one: say so rather than guess
  if (list.includes('')) throw usageError(`--${flag} '${value}' has an empty name between commas; choose from: ${known.join(', ')}`);
  for (const name of list) {
    if (!known.includes(name)) throw usageError(`unknown ${flag.replace(/s$/, '')} '${name}'; choose from: ${known.join(', ')}`);
  }
  return [...new Set(list)];
}

/** --payload-kind: padding (the default, not recorded in the job) or another kind of protocol/payload.ts. */
function payloadKindOf(value: string | undefined): { payloadKind?: PayloadKind } {
  if (value === undefined) return {};
  if (!isPayloadKind(value)) throw usageError(`--payload-kind must be one of ${PAYLOAD_KINDS.join(', ')}, not '${value}'`);
  return { payloadKind: value };
}

/**
 * --payload-kind other than padding: every scenario of the run must make its messages of that kind
 * (Scenario.payloadKinds), and the Node clients alone do; binary also needs binary messages, which a
 * text-only transport (HTTP, tcp's lines) has not. Refused up front, rather than padding measured as json.
 */
function checkPayloadKind(config: BenchConfig): void {
  const kind = config.payloadKind;
  if (kind === undefined || kind === 'padding') return;
  const padding = config.scenarios.filter((s) => !(findScenario(s)?.payloadKinds ?? ['padding']).includes(kind));
  if (padding.length > 0) throw usageError(`--payload-kind ${kind}: ${padding.join(', ')} send padding only; leave them out (--scenarios)`);
  if (config.clients?.includes('browser')) throw usageError(`--payload-kind ${kind}: the browser client sends padding only; use --clients node`);
  if (kind !== 'binary') return;
  const textOnly = config.transports.filter((t) => !transportNamed(t).binaryMessages);
  if (textOnly.length > 0) throw usageError(`--payload-kind binary: ${textOnly.join(', ')} carry text messages only; leave them out or use json or padding`);
}

function wholeNumber(flag: string, value: string | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
    throw usageError(`--${flag} must be a whole number ${range}, got '${value}'`);
  }
  return n;
}

function positiveNumber(flag: string, value: string, unit: string, max = Number.MAX_VALUE): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > max) {
    const most = max === Number.MAX_VALUE ? '' : ` and at most ${max.toLocaleString('en-US')}`;
    throw usageError(`--${flag} must be a number of ${unit} above 0${most}, got '${value}'`);
  }
  return n;
}

/**
 * The most --rate may offer: far above what any transport here echoes on loopback (tcp, the fastest,
 * stays under 100,000 a second on one core), so a larger rate could only fail every point.
 */
export const MAX_RATE_PER_S = 1_000_000;
/**
 * The open loop keeps each scheduled message's send times (about 17 B each, preallocated so that
 * sending allocates nothing): rate × (warm-up + duration) above this would not fit a load process.
 */
export const MAX_SCHEDULED_MESSAGES = 20_000_000;

function checkSchedule(ratePerS: number | undefined, durationS: number, warmupS: number): void {
  if (ratePerS === undefined) return;
  const scheduled = ratePerS * (durationS + warmupS);
  if (scheduled > MAX_SCHEDULED_MESSAGES) {
    throw usageError(
      `--rate ${ratePerS} for ${durationS} s (+ ${warmupS} s warm-up) schedules ${Math.round(scheduled).toLocaleString('en-US')} messages; ` +
        `at most ${MAX_SCHEDULED_MESSAGES.toLocaleString('en-US')} fit one point: lower --rate or --duration`,
    );
  }
}

/**
 * Every named transport must hold --connections on this machine: each from what it really holds (its
 * descriptor's sockets per connection, the baseline of a process); one that does not fit one server
 * process runs as a node:cluster where it has one (bench/run/scale.ts), the others are refused here.
 */
export function checkOpenFiles(connections: number, transports: readonly string[], limit: number | undefined): void {
  const problems = transports.map((t) => scaleProblem(transportNamed(t), connections, limit)).filter((p) => p !== undefined);
  if (problems.length > 0) throw usageError(`--connections ${connections}: ${problems.join('; ')} (leave it out with --transports, or use fewer)`);
}

/** --runtimes; a transport that runs on none of them (bun-ws without bun) is a mistake, not an empty run. */
function runtimeNames(value: string, transports: readonly string[]): string[] {
  const runtimes = names('runtimes', value, RUNTIME_NAMES);
  for (const transport of transports) {
    const reasons = runtimes.map((r) => unsupportedReason(transport, r));
    if (reasons.every((r) => r !== undefined)) throw usageError(`transport '${transport}' runs on none of --runtimes ${runtimes.join(',')}: ${reasons[0]}`);
  }
  return runtimes;
}

/** --clients; asking for the browser where Chromium is missing is the user's to fix, before anything starts. */
function clientNames(value: string): Client[] {
  const clients = names('clients', value, CLIENT_NAMES) as Client[];
  const missing = clients.includes('browser') ? missingBrowser() : undefined;
  if (missing) throw usageError(missing);
  return clients;
}

export type ParsedCommand = { help: true } | { help: false; config: BenchConfig; json?: JsonDestination };

/** Parses and checks the command line; every mistake is a usage error naming the flag. */
export function parseOptions(argv: readonly string[]): ParsedCommand {
  const { rest, json } = takeJsonFlag(argv, { separateValue: true });
  let values;
  try {
    ({ values } = parseArgs({ args: rest, options: OPTIONS, allowPositionals: false, strict: true }));
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? '';
    // `--messages -3` reads as a flag named -3 to parseArgs: say what was meant rather than "ambiguous"
    const negative = /^Option '(--[\w-]+)[^']*' argument is ambiguous/.exec(message);
    if (negative) throw usageError(`${negative[1]} takes a number above 0; a value that starts with '-' is not one`);
    throw usageError(`${message} (see --help)`);
  }
  if (values.help) return { help: true };
  const profileName = values.profile ?? DEFAULT_PROFILE;
  if (!isProfileName(profileName)) throw usageError(`unknown profile '${profileName}'; choose from: ${Object.keys(PROFILES).join(', ')}`);
  const profile = PROFILES[profileName];
  const connections = wholeNumber('connections', values.connections, DEFAULTS.connections, 1);
  const transports = names('transports', values.transports ?? OPTIONS.transports.fallback, TRANSPORT_NAMES);
  checkOpenFiles(connections, transports, openFilesLimit());
  const config: BenchConfig = {
    transports,
    clients: clientNames(values.clients ?? OPTIONS.clients.fallback),
    runtimes: runtimeNames(values.runtimes ?? OPTIONS.runtimes.fallback, transports),
    scenarios:
      values.scenarios === undefined
        ? [...DEFAULT_SCENARIOS]
        : withCompanions(names('scenarios', values.scenarios, SCENARIO_NAMES)),
    profile: profileName,
    payloadBytes: wholeNumber('payload', values.payload, DEFAULTS.payloadBytes, MIN_PAYLOAD_BYTES, MAX_PAYLOAD_BYTES),
    ...payloadKindOf(values['payload-kind']),
    connections,
    messages: wholeNumber('messages', values.messages, profile.messages, 1),
    warmup: wholeNumber('warmup', values.warmup, profile.warmup, 0),
    trials: wholeNumber('trials', values.trials, profile.trials, 1),
    scenarioTrials: values.trials === undefined ? (profile.scenarioTrials ?? {}) : {},
    ...(values.rate === undefined ? {} : { ratePerS: positiveNumber('rate', values.rate, 'messages per second', MAX_RATE_PER_S) }),
    durationS: values.duration === undefined ? profile.durationS : positiveNumber('duration', values.duration, 'seconds'),
    warmupS: profile.warmupS,
    ...(profile.yardstickEachPoint ? { yardstickEachPoint: true } : {}),
    sizes: scenarioSizes(profileName, values.connections === undefined ? undefined : connections),
    workers: wholeNumber('workers', values.workers, DEFAULTS.workers, 1, 64),
    outDir: values.out ?? DEFAULTS.outDir,
    quiet: values.quiet ?? false,
    replyTimeoutMs: DEFAULTS.replyTimeoutMs,
    p99BoundUs: values['p99-bound'] === undefined ? DEFAULTS.p99BoundUs : positiveNumber('p99-bound', values['p99-bound'], 'milliseconds') * 1000,
    pointTimeoutMs: DEFAULTS.pointTimeoutMs,
  };
  checkSchedule(config.ratePerS, config.durationS, config.warmupS);
  checkPayloadKind(config);
  if (values.target !== undefined) {
    Object.assign(config, targetConfig(values.target, config, { transports: values.transports !== undefined, scenarios: values.scenarios !== undefined }, values['allow-remote-target'] === true));
  } else if (values['allow-remote-target']) {
    throw usageError('--allow-remote-target lets a --target through; name the --target too');
  }
  return { help: false, config, ...(json ? { json } : {}) };
}
