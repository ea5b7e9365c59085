import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');

describe('load-generator health', () => {
  it('flags an open-loop point whose offered rate is far beyond what one load process can send', async () => {
    const out = await mkdtemp(join(tmpdir(), 'wirebench-health-'));
    try {
      // 300,000 msg/s is several times what one Node process can send and time on this machine
      const args = ['--import', 'tsx', 'bench/cli/bench.ts', '--transports', 'tcp', '--scenarios', 'echo', '--rate', '300000'];
      args.push('--duration', '1', '--connections', '4', '--trials', '1', '--out', out, '--quiet');
      await run(process.execPath, args, { cwd: ROOT, timeout: 90_000 }).catch((e: { code?: number }) => {
        if (e.code !== 1) throw e; // exit 1 is fine here: messages may be lost when the sender is swamped
      });
      const csv = await readFile(join(out, 'summary.csv'), 'utf8');
      const row = (metric: string) => csv.split('\n').find((line) => line.split(',')[8] === metric)?.split(',');
      expect(row('load_saturated')?.[9]).toBe('1');
      expect(row('load_saturated')?.[7]).toBe('300000');
      expect(Number(row('late_sends')?.[9])).toBeGreaterThan(0);
      expect(row('rtt_uncorrected_p99')).toBeDefined();
      const report = await readFile(join(out, 'report.md'), 'utf8');
      expect(report).toContain('load generator was the limit');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 120_000);
});
