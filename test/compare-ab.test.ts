/**
 * `bench:compare --base`, end to end on a small scale: a real git worktree of HEAD, its own `npm ci`,
 * real bench runs of base and head, and the clean-up of all of it, whether the comparison ends or is
 * interrupted. Skipped outside a git checkout (a source tarball has no HEAD to compare against).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaProblem } from '../bench/results/schema-check.ts';

const ROOT = join(import.meta.dirname, '..');
const inGit = spawnSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: ROOT }).status === 0;
const out = mkdtempSync(join(tmpdir(), 'wirebench-compare-ab-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** the smallest A/B that still runs every step: one round, tcp only, few round trips */
const TINY = ['--rounds', '1', '--max-rounds', '1', '--', '--transports', 'tcp', '--messages', '300', '--warmup', '100'];

interface Ended {
  code: number | null;
  stderr: string;
}

/**
 * Runs the CLI in node itself (not through npx), so that a signal sent to the child reaches the
 * comparison's own process, as Ctrl-C in a terminal does. `onLine` sees each stderr line as it comes.
 */
function compare(args: string[], onLine: (line: string, child: ReturnType<typeof spawn>) => void = () => {}): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/cli/compare.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, GITHUB_STEP_SUMMARY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let partial = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onLine(line, child);
    });
    child.stdout.resume();
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

/** the base checkout's folder, from the line that announces it */
function checkoutOf(stderr: string): string {
  const dir = /checking out base \w+ into (\S+)/.exec(stderr)?.[1];
  if (dir === undefined) throw new Error(`no checkout announced in:\n${stderr}`);
  return dir;
}

function worktrees(): string {
  return spawnSync('git', ['worktree', 'list', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).stdout;
}

describe.skipIf(!inGit)('bench:compare --base (a real worktree and real bench runs)', () => {
  it('runs base and head, writes the comparison and removes the base checkout', async () => {
    const dir = join(out, 'complete');
    const r = await compare(['--base', 'HEAD', '--out', dir, ...TINY]);
    expect(r.code, r.stderr).toBe(0);
    const comparison = JSON.parse(readFileSync(join(dir, 'compare.json'), 'utf8')) as { rows: { point: { transport: string; scenario: string }; metric: string }[] };
    expect(comparison.rows.some((row) => row.point.transport === 'tcp')).toBe(true);
    expect(readFileSync(join(dir, 'compare.md'), 'utf8')).toMatch(/\| echo tcp /);
    // every run measures the scenarios that declare themselves (inCompareRuns): fan-out (its p50 over the yardstick), idle memory and connect besides echo
    for (const [scenario, metric] of [['fanout', 'fanout_last_p50_vs_yardstick'], ['idle', 'heap_per_conn_bytes'], ['connect', 'connect_p50']]) {
      expect(comparison.rows.some((row) => row.point.scenario === scenario && row.metric === metric), `${scenario} ${metric}`).toBe(true);
    }
    expect(readFileSync(join(dir, 'compare.md'), 'utf8')).toMatch(/\*\*Environment:\*\* the same node and library versions on both sides/);
    expect(schemaProblem('compare', comparison)).toBeUndefined();
    const benchmark = JSON.parse(readFileSync(join(dir, 'benchmark.json'), 'utf8')) as { name: string }[];
    // what the gate judged: in the ci profile the median as a ratio to the yardstick, the p99 as it is
    for (const metric of ['rtt_p50_vs_yardstick', 'rtt_p99']) expect(benchmark.some((e) => e.name.startsWith(`echo tcp ${metric} `)), metric).toBe(true);
    for (const side of ['base-1', 'head-1']) expect(existsSync(join(dir, 'runs', side, 'summary.csv')), side).toBe(true);
    const checkout = checkoutOf(r.stderr);
    expect(existsSync(dirname(checkout))).toBe(false);
    expect(worktrees()).not.toContain(checkout);
  }, 420_000);

  it('on SIGINT ends the bench run under way, keeps what it measured, removes the base checkout, exits 130', async () => {
    const dir = join(out, 'interrupted');
    let first: string | undefined;
    const args = ['--base', 'HEAD', '--out', dir, '--rounds', '1', '--max-rounds', '1', '--', '--scenarios', 'echo', '--transports', 'tcp,ws', '--messages', '3000'];
    const r = await compare(args, (line, child) => {
      const side = /^wirebench compare: round 1: (base|head)$/.exec(line)?.[1];
      if (first !== undefined || side === undefined) return;
      first = side;
      // once the first run has written its first point, it is measuring the next one: stop it there
      const written = join(dir, 'runs', `${side}-1`, 'run.json');
      const poll = setInterval(() => {
        if (!existsSync(written)) return;
        clearInterval(poll);
        child.kill('SIGINT');
      }, 100);
      child.once('exit', () => clearInterval(poll));
    });
    expect(first, r.stderr).toBeDefined();
    expect(r.code, r.stderr).toBe(130);
    const last = r.stderr.trim().split('\n').at(-1) ?? '';
    expect(last).toMatch(/^wirebench compare: interrupted in a (base|head) run; the runs measured so far are in /);
    const kept = JSON.parse(readFileSync(join(dir, 'runs', `${first}-1`, 'run.json'), 'utf8')) as { status: string; points: unknown[] };
    expect(kept.points.length).toBeGreaterThanOrEqual(1);
    if (last.includes(`in a ${first} run`)) expect(kept.status).toBe('interrupted');
    const checkout = checkoutOf(r.stderr);
    expect(existsSync(dirname(checkout))).toBe(false);
    expect(worktrees()).not.toContain(checkout);
    expect(existsSync(join(dir, 'compare.json'))).toBe(false);
  }, 240_000);
});
