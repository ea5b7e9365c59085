import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../bench/results/run-record.ts';
import { ROOT } from './helpers/cli-run.ts';

/** Root and `ip netns` are what the script needs; CI (root, iproute2) has both. */
const canNetns = () => process.getuid?.() === 0 && spawnSync('ip', ['netns', 'list']).status === 0;
const namespaces = () => spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout;

function runScript(args: string[]): Promise<{ code: number | null; pid: number | undefined; stderr: string }> {
  const child = spawn('bash', ['scripts/netns-hosts.sh', ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, pid: child.pid, stderr })));
}

describe.skipIf(!canNetns())('scripts/netns-hosts.sh: several load hosts in network namespaces', () => {
  it('loads a server in one namespace from two others, merges their runs, and removes the namespaces', async () => {
    const out = await mkdtemp(join(tmpdir(), 'wirebench-netns-'));
    try {
      const result = await runScript(['--hosts', '2', '--transport', 'ws', '--out', out, '--', '--scenarios', 'echo', '--trials', '1', '--messages', '300', '--warmup', '300']);
      expect(result.code, result.stderr).toBe(0);
      const merged = JSON.parse(await readFile(join(out, 'merged', 'run.json'), 'utf8')) as RunRecord;
      const echo = merged.points.filter((p) => p.scenario === 'echo' && p.status === 'ok');
      expect(echo.length).toBeGreaterThan(0);
      // each host's own run loaded the namespace's address, not loopback
      const host1 = JSON.parse(await readFile(join(out, 'host1', 'run.json'), 'utf8')) as RunRecord;
      expect(host1.points[0]?.job?.host).toBe('10.213.0.1');
      // two hosts' round trips, 300 each, in the merged echo
      const delivered = echo.map((p) => (p.status === 'ok' ? (p.result.delivery?.delivered ?? 0) : 0));
      expect(delivered[0]).toBe(600);
      expect(namespaces()).not.toMatch(new RegExp(`wb${result.pid}-`));
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 240_000);

  it('refuses a bad option in one line with exit 2, and leaves no namespace', async () => {
    const result = await runScript(['--hosts', 'many']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(namespaces()).not.toMatch(new RegExp(`wb${result.pid}-`));
  });
});
