/**
 * --target: the load pointed at a server started separately with `npm run serve` on loopback. The point
 * is measured, and its byte and server-cost figures come from the serve process's stats endpoint,
 * without the endpoint's own requests in them. Anything but loopback is refused before any load.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTarget } from '../bench/run/target.ts';
import { ROOT, runCli } from './helpers/cli-run.ts';

interface RunJson {
  points: { status: string; error?: string; marks?: Record<string, { bytesRead: number; connectionsAccepted: number }> }[];
}

const MESSAGES = 40;

describe('--target', () => {
  let serve: ChildProcess;
  let port = 0;
  let out = '';

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'wirebench-target-'));
    serve = spawn(process.execPath, ['--import', 'tsx', 'bench/cli/serve.ts', 'ws', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    serve.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    while (!stdout.includes('\n')) await once(serve.stdout ?? serve, 'data');
    port = Number(new URL(stdout.trim()).port);
  });
  afterAll(async () => {
    if (serve.exitCode === null) {
      serve.kill('SIGTERM');
      await once(serve, 'exit');
    }
    await rm(out, { recursive: true, force: true });
  });

  it('measures a separately started serve process, its bytes read from its stats endpoint', async () => {
    const args = ['--target', `127.0.0.1:${port}`, '--transports', 'ws', '--scenarios', 'echo'];
    const result = await runCli([...args, '--messages', String(MESSAGES), '--warmup', '5', '--trials', '1', '--quiet', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const run = JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as RunJson;
    expect(run.points.map((p) => p.status)).toEqual(['ok']);
    const csv = await readFile(join(out, 'summary.csv'), 'utf8');
    const value = (metric: string) => Number(csv.split('\n').find((l) => l.includes(`,${metric},`))?.split(',')[9]);
    // a 64 B message in a masked client frame is 70 B up, 66 B down: the stats requests' own bytes
    // (a few hundred per mark) would show here if they were counted
    expect(value('bytes_up_per_msg')).toBeCloseTo(70, 0);
    expect(value('bytes_down_per_msg')).toBeCloseTo(66, 0);
    expect(value('server_cpu_us_per_msg')).toBeGreaterThan(0);
    expect(serve.exitCode).toBeNull(); // the remote server is not ours to stop
  });

  it('refuses load to an address other than loopback, in one line, exit code 2', async () => {
    const result = await runCli(['--target', '10.1.2.3:8080', '--transports', 'ws', '--scenarios', 'echo', '--quiet', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/not a loopback address/);
  });

  it('accepts the loopback forms and several ports of one host', () => {
    expect(parseTarget('127.0.0.1:8080,127.0.0.1:8081')).toEqual({ host: '127.0.0.1', ports: [8080, 8081] });
    expect(parseTarget('[::1]:9000')).toEqual({ host: '::1', ports: [9000] });
    expect(parseTarget('localhost:1')).toEqual({ host: 'localhost', ports: [1] });
    for (const bad of ['example.com:80', '192.168.1.1:80', '127.0.0.1', '127.0.0.1:0', '[::2]:80']) expect(() => parseTarget(bad)).toThrow();
  });
});
