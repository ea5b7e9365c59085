import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');

/** Runs a CLI entry point through tsx as npm would, and never throws: the exit code is part of the answer. */
async function tsx(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('npm run report', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wirebench-report-'));
    const bench = await tsx('bench/cli/bench.ts', [
      ...['--transports', 'tcp,ws', '--scenarios', 'echo', '--trials', '1'],
      ...['--messages', '50', '--warmup', '5', '--quiet', '--out', join(dir, 'bench')],
    ]);
    expect(bench.code, bench.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('redraws the same summary.csv, run.json and charts from a stored run.json', async () => {
    const out = join(dir, 'redrawn');
    const result = await tsx('bench/cli/report.ts', [join(dir, 'bench', 'run.json'), '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    for (const name of ['summary.csv', 'run.json', 'report.md']) {
      expect(await readFile(join(out, name), 'utf8'), name).toBe(await readFile(join(dir, 'bench', name), 'utf8'));
    }
    const charts = await readdir(join(dir, 'bench', 'charts'));
    expect(charts).toContain('echo-latency.svg');
    for (const chart of charts) {
      expect(await readFile(join(out, 'charts', chart), 'utf8'), chart).toBe(await readFile(join(dir, 'bench', 'charts', chart), 'utf8'));
    }
    const report = await readFile(join(out, 'report.md'), 'utf8');
    expect(report).toContain('](charts/echo-latency.svg)');
    // the run is kept under its id, charts and all, as a bench run keeps it
    const [runId] = await readdir(join(out, 'runs'));
    expect(await readdir(join(out, 'runs', runId ?? '', 'charts'))).toEqual(expect.arrayContaining(charts));
  });

  it.each([
    ['a missing file', () => join(dir, 'nothing-here.json'), /cannot read .*ENOENT/],
    ['bad JSON', async () => writeBad('bad.json', '{"schema": 1,'), /is not valid JSON/],
    ['JSON that is not a run', async () => writeBad('other.json', '{"schema": 1, "runId": "../../etc"}'), /not a wirebench run\.json: missing or bad runId/],
  ])('refuses %s in one line with exit code 2', async (_name, path, message) => {
    const result = await tsx('bench/cli/report.ts', [await path(), '--out', join(dir, 'never')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  async function writeBad(name: string, text: string): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  }
});
