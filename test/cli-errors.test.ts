/**
 * Bad input to `npm run bench`: each mistake is one line on stderr naming it, exit code 2, no stack
 * trace, and nothing started. The CLI runs as a subprocess, exactly as a person would run it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli-run.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirebench-cli-'));
  await writeFile(join(dir, 'a-file'), 'not a folder\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A run small enough to finish quickly if a mistake were wrongly let through. */
const TINY = ['--messages', '50', '--warmup', '5', '--transports', 'tcp', '--scenarios', 'echo', '--quiet'];

const CASES: [what: string, args: () => string[], names: RegExp][] = [
  ['an unknown transport', () => ['--transports', 'tcp,carrier-pigeon'], /transport 'carrier-pigeon'/],
  ['an unknown scenario', () => ['--scenarios', 'nap'], /scenario 'nap'/],
  ['zero messages', () => ['--messages', '0'], /--messages/],
  ['a negative count, written --messages=-3', () => ['--messages=-3'], /--messages.*-3/],
  ['a negative count, written --messages -3', () => ['--messages', '-3'], /--messages/],
  ['a count that is not a number', () => ['--connections', 'lots'], /--connections.*lots/],
  ['a fractional count', () => ['--trials', '1.5'], /--trials/],
  ['zero connections', () => ['--connections', '0'], /--connections/],
  ['an unknown flag', () => ['--mesages', '5'], /mesages/],
  ['an output folder under a regular file', () => ['--out', join(dir, 'a-file', 'results')], /a-file/],
  // Node's recursive mkdir spins forever on /proc's ENOENT: the folder is made level by level instead
  ['an output folder where none can be made (/proc)', () => ['--out', '/proc/nope'], /output folder '\/proc\/nope'/],
  ['a rate no load process can offer', () => ['--rate', '1000000000000'], /--rate.*at most 1,000,000.*1000000000000/],
  ['a rate that schedules more messages than fit', () => ['--rate', '900000', '--duration', '60'], /--rate 900000.*lower --rate or --duration/],
  ['an empty name in a list', () => ['--transports', 'ws,,'], /--transports 'ws,,' has an empty name/],
  ['a trailing comma', () => ['--scenarios', 'echo,'], /--scenarios 'echo,' has an empty name/],
  ['an unknown payload kind', () => ['--payload-kind', 'lorem'], /--payload-kind must be one of padding, json, binary.*'lorem'/],
  ['a binary payload over a text-only transport', () => ['--payload-kind', 'binary', '--transports', 'ws,sse', '--scenarios', 'echo'], /--payload-kind binary: sse carry text messages only/],
  ['a json payload for scenarios that send padding', () => ['--payload-kind', 'json', '--scenarios', 'echo,push,micro'], /--payload-kind json: push, micro send padding only/],
];

describe('bench CLI: bad input', () => {
  it.concurrent.each(CASES)('refuses %s: one line, exit code 2, no stack trace', async (_what, args, names) => {
    const { code, stderr, stdout } = await runCli([...TINY, ...args()]);
    expect(code).toBe(2);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(names);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stdout).toBe('');
  });
});

/** How long the CLI takes to print its help: starting Node, tsx and the modules, nothing run. */
async function helpMs(): Promise<number> {
  const started = performance.now();
  await runCli(['--help']);
  return performance.now() - started;
}

describe('bench CLI: bad input is refused at once', () => {
  // against --help on the same machine at the same moment, not a fixed time: CI's machine is shared
  let baseline = 0;
  beforeAll(async () => {
    baseline = await helpMs();
  });
  // the two that used to hang (a spinning mkdir) or to start a run whose every point failed
  it.each([
    ['--out', '/proc/nope'],
    ['--rate', '1000000000000'],
  ])('%s %s exits 2 within a second of what --help takes', async (...args) => {
    const started = performance.now();
    const { code } = await runCli([...TINY, ...args]);
    expect(code).toBe(2);
    expect(performance.now() - started).toBeLessThan(baseline + 1000);
  });
});
