import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../bench/results/run-record.ts';
import { measured } from './helpers/points.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');

/** The micro scenario through the real CLI: rows exist and are finite, never how fast anything is. */
describe('micro scenario via the CLI', () => {
  let out = '';
  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('writes <operation>_ns and <operation>_rme_pct rows per transport, and a report section', async () => {
    out = await mkdtemp(join(tmpdir(), 'wirebench-micro-'));
    const args = ['--import', 'tsx', 'bench/cli/bench.ts', '--scenarios', 'micro', '--transports', 'tcp,ws', '--trials', '1', '--out', out, '--quiet'];
    await run(process.execPath, args, { cwd: ROOT, timeout: 90_000 });
    const rows = (await readFile(join(out, 'summary.csv'), 'utf8'))
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    for (const [transport, ops] of [
      ['tcp', ['frame', 'parse']],
      ['ws', ['frame', 'frame_masked', 'parse', 'parse_masked']],
    ] as const) {
      for (const op of ops) {
        const ns = rows.find((c) => c[3] === transport && c[4] === 'micro' && c[8] === `${op}_ns`);
        const rme = rows.find((c) => c[3] === transport && c[8] === `${op}_rme_pct`);
        expect(ns?.[10], `${transport} ${op}_ns`).toBe('ns');
        expect(Number(ns?.[9])).toBeGreaterThan(0);
        expect(Number.isFinite(Number(rme?.[9]))).toBe(true);
        expect(rme?.[10]).toBe('pct');
      }
    }
    // nothing crossed a socket: no delivery is claimed, not even one of 0 of 0
    expect(rows.filter((c) => c[4] === 'micro' && ['sent', 'delivered', 'lost', 'duplicated', 'reordered'].includes(c[8] ?? ''))).toEqual([]);
    const record = JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as RunRecord;
    for (const point of record.points) expect(measured(point).result.delivery).toBeUndefined();
    const report = await readFile(join(out, 'report.md'), 'utf8');
    expect(report).toContain('## CPU per message: framing and parsing (tinybench)');
  }, 120_000);
});
