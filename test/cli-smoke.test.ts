import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CSV_HEADER } from '../bench/results/summary-csv.ts';
import { DEFAULT_TRANSPORTS } from '../transports/registry.ts';
import type { RunRecord } from '../bench/results/run-record.ts';
import { measured } from './helpers/points.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');

/** The real CLI, in its own processes, on a tiny config: the three outputs, every transport in them. */
describe('bench CLI smoke run', () => {
  let out = '';
  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('writes report.md, summary.csv and run.json with every default transport', async () => {
    out = await mkdtemp(join(tmpdir(), 'wirebench-smoke-'));
    await run(process.execPath, ['--import', 'tsx', 'bench/cli/bench.ts', '--scenarios', 'echo', '--trials', '1', '--messages', '50', '--warmup', '5', '--duration', '10', '--out', out, '--quiet'], {
      cwd: ROOT,
      timeout: 120_000,
    });
    const csv = await readFile(join(out, 'summary.csv'), 'utf8');
    const [header, ...rows] = csv.trim().split('\n');
    expect(header).toBe(CSV_HEADER);
    const report = await readFile(join(out, 'report.md'), 'utf8');
    const record = JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as RunRecord;
    expect(record.status).toBe('complete');
    for (const transport of DEFAULT_TRANSPORTS) {
      const p50 = rows.find((r) => r.split(',')[3] === transport && r.split(',')[8] === 'rtt_p50');
      expect(p50, `${transport} rtt_p50 row`).toBeDefined();
      expect(Number(p50?.split(',')[9])).toBeGreaterThan(0);
      expect(report).toContain(`| ${transport} |`);
      const point = record.points.find((p) => p.transport === transport);
      expect(point?.status).toBe('ok');
      expect(measured(point).result.delivery).toMatchObject({ sent: 50, delivered: 50, lost: 0 });
    }
    for (const row of rows) expect(row.split(',')).toHaveLength(CSV_HEADER.split(',').length);
    // the libraries each transport really ran, read from its processes' memory: socket.io's server runs
    // the ws engine.io pins, not the top-level one, and the default run loads no native add-on for ws
    const pinned = (JSON.parse(await readFile(join(ROOT, 'node_modules/engine.io/node_modules/ws/package.json'), 'utf8').catch(() => readFile(join(ROOT, 'node_modules/ws/package.json'), 'utf8'))) as { version: string }).version;
    const socketio = measured(record.points.find((p) => p.transport === 'socketio'));
    expect(socketio.serverPackages?.['ws']).toEqual([pinned]);
    expect(socketio.serverPackages?.['socket.io']).toBeDefined();
    const ws = measured(record.points.find((p) => p.transport === 'ws'));
    expect(ws.serverPackages?.['ws']).toBeDefined();
    expect(ws.serverPackages?.['bufferutil']).toBeUndefined();
    expect(ws.result.packages?.['bufferutil']).toBeUndefined();
    expect(report).toContain(`ws ${pinned}`);
  }, 150_000);

  it('times the yardstick in slices inside every echo window in the ci profile, and only there', async () => {
    const ciOut = await mkdtemp(join(tmpdir(), 'wirebench-ci-'));
    try {
      const args = ['--scenarios', 'echo', '--transports', 'tcp,ws', '--trials', '2', '--messages', '200', '--warmup', '20', '--quiet'];
      await run(process.execPath, ['--import', 'tsx', 'bench/cli/bench.ts', '--profile', 'ci', ...args, '--out', ciOut], { cwd: ROOT, timeout: 120_000 });
      const record = JSON.parse(await readFile(join(ciOut, 'run.json'), 'utf8')) as RunRecord;
      expect(record.points).toHaveLength(4);
      for (const point of record.points) {
        const y = measured(point).result.yardstick;
        // a slice before each of the window's 10 parts and one after the last, 200 round trips each
        expect(y?.slices, `${point.transport} trial ${point.trial}`).toBe(11);
        expect(y?.count).toBe(2200);
        expect(y?.p50Us).toBeGreaterThan(0);
        // the parts add up to the messages asked for, none lost between them
        expect(measured(point).result.delivery).toMatchObject({ sent: 200, delivered: 200, lost: 0, duplicated: 0, reordered: 0 });
      }
      const csv = await readFile(join(ciOut, 'summary.csv'), 'utf8');
      expect(csv.split('\n').filter((r) => r.split(',')[8] === 'yardstick_rtt_p50')).toHaveLength(4);
      // the default run has no such rows: nothing of the gate's machinery in a reader's summary
      expect(await readFile(join(out, 'summary.csv'), 'utf8')).not.toContain('yardstick');
    } finally {
      await rm(ciOut, { recursive: true, force: true });
    }
  }, 150_000);
});
