/**
 * What `bench` prints: the summary on stdout at the end; with --json the rows alone on stdout (through
 * npm too, whose banner must not land there), the summary then on stderr; --json FILE; benchmark.json.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkEntry } from '../bench/results/benchmark-json.ts';
import type { SummaryRow } from '../bench/results/summary-csv.ts';
import { ROOT } from './helpers/cli-run.ts';
import { schemaProblem } from '../bench/results/schema-check.ts';

const run = promisify(execFile);
const TINY = ['--transports', 'tcp,ws', '--scenarios', 'echo', '--trials', '1', '--messages', '50', '--warmup', '5'];

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirebench-output-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('bench output', () => {
  // -s: npm prints its own "> wirebench bench" banner on stdout otherwise (see the README)
  it('npm run -s bench -- --json: JSON alone on stdout, the summary on stderr, benchmark.json written', async () => {
    const out = join(dir, 'json');
    const { stdout, stderr } = await run('npm', ['run', '-s', 'bench', '--', ...TINY, '--json', '--out', out], { cwd: ROOT, timeout: 90_000 });
    const rows = JSON.parse(stdout) as SummaryRow[];
    expect(rows.find((r) => r.transport === 'ws' && r.metric === 'rtt_p50')?.value).toBeGreaterThan(0);
    expect(stderr).toMatch(/^\s+transport\s+p50 µs\s+p99 µs/m);
    const benchmark = JSON.parse(await readFile(join(out, 'benchmark.json'), 'utf8')) as BenchmarkEntry[];
    const p50 = benchmark.find((e) => e.name === 'echo ws rtt_p50 (64 B, 1 conn)');
    expect(p50).toMatchObject({ unit: 'us' });
    expect(p50?.value).toBe(rows.find((r) => r.transport === 'ws' && r.metric === 'rtt_p50')?.value);
    // lower is better for every entry: counts and rates have no place in customSmallerIsBetter
    expect(benchmark.some((e) => /msgs_per_s|delivered|lost/.test(e.name))).toBe(false);
    expect(schemaProblem('run', JSON.parse(await readFile(join(out, 'run.json'), 'utf8')))).toBeUndefined();
  }, 100_000);

  it('without --json: the summary table on stdout; --json FILE writes the rows there', async () => {
    const out = join(dir, 'plain');
    const file = join(dir, 'rows', 'rows.json');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/cli/bench.ts', ...TINY, '--json', file, '--out', out], { cwd: ROOT, timeout: 90_000 });
    const table = stdout.split('\n').filter((l) => /^\s+(tcp|ws)\s+[\d,.]+\s+[\d,.]+\s+\d\.\d\d×/.test(l));
    expect(table).toHaveLength(2);
    expect(stdout).toMatch(/^wirebench run \S+: 2 of 2 points measured$/m);
    const rows = JSON.parse(await readFile(file, 'utf8')) as SummaryRow[];
    expect(rows.some((r) => r.metric === 'rtt_p50')).toBe(true);
    // report redraws the same summary from the stored run
    const redrawn = await run(process.execPath, ['bin/wirebench.js', 'report', join(out, 'run.json'), '--out', join(dir, 'redrawn')], { cwd: ROOT });
    expect(redrawn.stdout.trim()).toBe(stdout.trim());
  }, 100_000);

  it('npx wirebench --help lists the commands; --version is the package\'s', async () => {
    const { stdout } = await run('npx', ['wirebench', '--help'], { cwd: ROOT, timeout: 30_000 });
    for (const command of ['bench', 'compare', 'serve', 'report', 'merge']) expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    // the bin itself, without npx's own start-up each time
    const bin = (...args: string[]) => run(process.execPath, ['bin/wirebench.js', ...args], { cwd: ROOT });
    expect((await bin('--version')).stdout.trim()).toBe(pkg.version);
    const bench = await bin('bench', '--help');
    expect(bench.stdout).toMatch(/^Usage: wirebench bench/);
  });
});
