import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../bench/results/run-record.ts';
import { startCli } from './helpers/cli-run.ts';

describe('a scenario that only waits', () => {
  it("lets the run go on beside its points' quiet windows, and still measures every point", async () => {
    const out = await mkdtemp(join(tmpdir(), 'wirebench-beside-'));
    try {
      // ci sizes: idle's window is 2 s at its largest count, churn's points take a few seconds each
      const { done } = startCli(['--profile', 'ci', '--scenarios', 'idle,churn', '--transports', 'tcp', '--trials', '1', '--out', out, '--quiet']);
      const result = await done;
      expect(result.code, result.stderr).toBe(0);
      const record = JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as RunRecord;
      const idle = record.points.find((p) => p.scenario === 'idle');
      const churn = record.points.find((p) => p.scenario === 'churn');
      expect(idle?.status).toBe('ok');
      expect(churn?.status).toBe('ok');
      // churn started before idle ended: it did not wait for idle's window
      expect(churn?.startedAtMs).toBeLessThan((idle?.startedAtMs ?? 0) + (idle?.durationMs ?? 0));
      // and idle's bytes came from its window, at its largest count
      const window = record.points.flatMap((p) => (p.status === 'ok' && p.scenario === 'idle' ? p.figures : [])).find((f) => f.metric === 'idle_window_us');
      expect(window?.value).toBeGreaterThanOrEqual(2e6);
      expect(window?.connections).toBe(500);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 120_000);
});
