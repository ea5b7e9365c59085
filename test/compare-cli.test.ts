import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../bench/compare/compare-runs.ts';
import { createHistogram, encodeHistogram, recordUs } from '../bench/stats/histogram.ts';
import { summaryRows, toCsv } from '../bench/results/summary-csv.ts';
import { describePoint } from '../bench/results/describe-point.ts';
import { RUN_SCHEMA, type PointRecord, type RunRecord } from '../bench/results/run-record.ts';
import { seededRandom, type Random } from '../bench/stats/index.ts';
import { schemaProblem } from '../bench/results/schema-check.ts';
import type { LoadJob, LoadResult, ServerStats } from '../protocol/control.ts';

const ROOT = join(import.meta.dirname, '..');
const MESSAGES = 400;
const TRIALS = 8;
/** each trial's level moves by up to ±3%, as trials of one commit do on a quiet machine */
const TRIAL_JITTER = 0.06;

/**
 * One synthetic echo point whose rtt histogram is centred on `medianUs`. Casts: only the fields the
 * figures read are filled, so that this test does not break each time the record grows a field.
 */
function point(transport: string, trial: number, medianUs: number, random: Random): PointRecord {
  const level = medianUs * (1 + (random() - 0.5) * TRIAL_JITTER);
  const rtt = createHistogram();
  let totalUs = 0;
  for (let i = 0; i < MESSAGES; i++) {
    const us = level * (0.7 + (0.6 * i) / (MESSAGES - 1));
    recordUs(rtt, us);
    totalUs += us;
  }
  const stats = (bytes: number, cpuUs: number) =>
    ({ bytesRead: bytes, bytesWritten: bytes, cpuUserUs: cpuUs, cpuSystemUs: 0, rssBytes: 5e7, heapUsedBytes: 1e7,
      loopActiveMs: cpuUs / 1000, loopIdleMs: 1, loopDelayP99Us: 1000, loopDelayMaxUs: 2000, atUs: 0 }) as ServerStats;
  const result = {
    data: { rtt: encodeHistogram(rtt) },
    delivery: { sent: MESSAGES, delivered: MESSAGES, lost: 0, duplicated: 0, reordered: 0 },
    health: { elapsedUs: totalUs, cpuUs: totalUs * 0.3, loopDelayP99Us: 1000, loopDelayMaxUs: 2000 },
  } as LoadResult;
  const job = { transport, scenario: 'echo', host: '127.0.0.1', port: 1, payloadBytes: 64, connections: 1, messages: MESSAGES, warmup: 0, replyTimeoutMs: 5000, sizes: {} } as LoadJob;
  return describePoint({
    trial, client: 'node', transport, scenario: 'echo', job, status: 'ok', result,
    marks: { start: stats(0, 0), end: stats(70 * MESSAGES, level * 0.4 * MESSAGES) },
  });
}

/** A run of tcp and ws, `TRIALS` trials each, ws slowed by `wsFactor`. */
function syntheticRun(runId: string, seed: number, wsFactor = 1): RunRecord {
  const random = seededRandom(seed);
  const points: PointRecord[] = [];
  for (let trial = 1; trial <= TRIALS; trial++) {
    points.push(point('tcp', trial, 100, random), point('ws', trial, 150 * wsFactor, random));
  }
  return { schema: RUN_SCHEMA, runId, startedAt: '2026-01-01T00:00:00.000Z', status: 'complete', environment: { gitCommit: 'synthetic' }, config: { sizes: {} }, points } as unknown as RunRecord;
}

const dir = mkdtempSync(join(tmpdir(), 'wirebench-compare-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeRun(name: string, run: RunRecord): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(run));
  return path;
}

const base = syntheticRun('base', 1);
const slower = syntheticRun('head-slower', 2, 1.2);
const basePath = writeRun('base', base);
const otherPath = writeRun('head-same', syntheticRun('head-same', 3));
const slowerPath = writeRun('head-slower', slower);

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync('npx', ['tsx', 'bench/cli/compare.ts', ...args], {
    cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, GITHUB_STEP_SUMMARY: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('compareRuns on synthetic runs', () => {
  it('finds a planted 20% ws slowdown and nothing in tcp', () => {
    const c = compareRuns(base, slower);
    const ws = c.rows.filter((r) => r.point.transport === 'ws');
    expect(ws.find((r) => r.metric === 'rtt_p50')?.verdict).toBe('regression');
    // a p99 has a minimum effect of its own (40%): 20% slower, significant, and still not called
    const p99 = ws.find((r) => r.metric === 'rtt_p99');
    expect(p99?.verdict).toBe('same');
    expect(p99?.reason).toMatch(/minimum effect/);
    expect(p99?.minEffect).toBe(0.4);
    // echo's msgs/s is 1 / mean round trip: not gated, so it is not in the table at all
    expect(ws.find((r) => r.metric === 'msgs_per_s')).toBeUndefined();
    expect(ws.find((r) => r.metric === 'rtt_p50')?.ratio).toBeCloseTo(1.2, 1);
    expect(c.rows.filter((r) => r.point.transport === 'tcp' && r.verdict === 'regression')).toEqual([]);
    expect(c.rows.find((r) => r.metric === 'bytes_up_per_msg')?.verdict).toBe('same');
    expect(c.regressed).toBe(true);
  });

  it('finds nothing between a run and itself', () => {
    const c = compareRuns(base, base);
    expect(c.regressed).toBe(false);
    expect(c.counts.unknown).toBe(0);
  });
});

describe('bench:compare CLI', () => {
  it('exits 1 with a table that names the regression', () => {
    const r = cli([basePath, slowerPath]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\| echo ws 64 B ×1 \| rtt_p50 \|.*regression/);
  });

  it('exits 0 for a run against itself and for another run of the same code', () => {
    expect(cli([basePath, basePath]).code).toBe(0);
    expect(cli([basePath, otherPath]).code).toBe(0);
  });

  it('prints JSON with --json and appends markdown to $GITHUB_STEP_SUMMARY', () => {
    const summary = join(dir, 'step-summary.md');
    writeFileSync(summary, 'earlier step\n');
    const r = cli([basePath, slowerPath, '--json'], { GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(1);
    const parsed = JSON.parse(r.stdout) as { regressed: boolean; rows: { verdict: string }[] };
    expect(parsed.regressed).toBe(true);
    expect(readFileSync(summary, 'utf8')).toMatch(/^earlier step\n## wirebench/);
  });

  it('writes benchmark.json (head\'s figures, lower is better) with --out, and the JSON form to --json=FILE', () => {
    const out = join(dir, 'out');
    const file = join(dir, 'compare-form.json');
    const r = cli([basePath, slowerPath, '--out', out, `--json=${file}`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^## wirebench/); // the markdown stays on stdout
    expect((JSON.parse(readFileSync(file, 'utf8')) as { regressed: boolean }).regressed).toBe(true);
    expect(schemaProblem('compare', JSON.parse(readFileSync(file, 'utf8')))).toBeUndefined();
    const entries = JSON.parse(readFileSync(join(out, 'benchmark.json'), 'utf8')) as { name: string; unit: string; value: number; extra: string }[];
    const p50 = entries.find((e) => e.name === 'echo ws rtt_p50 (64 B, 1 conn)');
    const head = compareRuns(base, slower).rows.find((row) => row.point.transport === 'ws' && row.metric === 'rtt_p50');
    expect(p50?.value).toBe(head?.head.median);
    expect(p50?.extra).toMatch(/verdict: regression/);
    expect(entries.some((e) => /\b(lost|duplicated|failed)\b/.test(e.name))).toBe(false);
  });

  it('lets a large --min-effect waive the regression', () => {
    expect(cli([basePath, slowerPath, '--min-effect', '0.5']).code).toBe(0);
  });

  it('reads the summary.csv beside a run.json this code cannot read', () => {
    const csvDir = mkdtempSync(join(dir, 'csv-'));
    writeFileSync(join(csvDir, 'summary.csv'), toCsv(summaryRows(slower)));
    const unreadable = { ...slower, points: slower.points.map((p) => ({ ...p, result: { histograms: {} } })) };
    writeFileSync(join(csvDir, 'run.json'), JSON.stringify(unreadable));
    expect(cli([basePath, join(csvDir, 'run.json')]).code).toBe(1);
  });

  it('under GitHub Actions: regressed and verdict in $GITHUB_OUTPUT, one ::error:: per regressed metric', () => {
    const output = join(dir, 'github-output');
    writeFileSync(output, '');
    const r = cli([basePath, slowerPath], { GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: output });
    expect(r.code).toBe(1);
    expect(readFileSync(output, 'utf8')).toBe('regressed=true\nverdict=regression\n');
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors.join('\n')).toMatch(/::error title=wirebench regression::echo ws 64 B ×1: rtt_p50 ×1\.\d+/);
    writeFileSync(output, '');
    const same = cli([basePath, basePath], { GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: output });
    expect(same.code).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe('regressed=false\nverdict=pass\n');
    expect(same.stderr).not.toMatch(/::error/);
  });

  it('exits 3 (could not measure) when nothing gated was measured on both sides', () => {
    const elsewhere = { ...base, runId: 'elsewhere', points: base.points.map((p) => ({ ...p, transport: `other-${p.transport}` })) };
    const r = cli([basePath, writeRun('elsewhere', elsewhere as RunRecord)]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/could not measure: no gated metric was measured on both sides/);
  });

  it('exits 2 with one line on bad usage', () => {
    for (const args of [[basePath], ['--min-effect', 'x', basePath, basePath], [basePath, join(dir, 'missing.json')]]) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const notRun = join(dir, 'not-a-run.json');
    writeFileSync(notRun, '{"hello": 1}');
    expect(cli([notRun, basePath]).code).toBe(2);
    // five CLI starts: on a loaded 2-core machine that is more than the default 30 s
  }, 120_000);
});
