/**
 * The bench's lifecycle under faults, run as a subprocess on a tiny config: Ctrl-C leaves no process
 * behind and records the run as interrupted; a server child killed mid-run fails that point only, the
 * run goes on, and the exit code says something failed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli } from './helpers/cli-run.ts';
import { eventually } from './helpers/transport-harness.ts';

const TINY = ['--messages', '50', '--warmup', '5', '--trials', '1', '--scenarios', 'echo', '--transports', 'tcp,ws'];

interface RunJson {
  status: string;
  points: { transport: string; status: string; error?: { code: string; message: string; stack?: string }; marks?: Record<string, unknown> }[];
}

/** A server child's command line: bench/processes/server-process.ts through tsx, or its bundle (bench/processes/child-bundle.ts). */
const SERVER_CHILD = 'processes[/_]server-process';

/** pgrep's answer as pids; an empty list when nothing matches (pgrep then exits 1). */
function pgrep(args: string[]): number[] {
  try {
    return execFileSync('pgrep', args, { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The command line of a process, '' once it is gone. */
function commandLine(pid: number): string {
  try {
    return execFileSync('cat', [`/proc/${pid}/cmdline`], { encoding: 'utf8' }).replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirebench-life-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readRun(out: string): Promise<RunJson> {
  return JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as RunJson;
}

describe('bench lifecycle', () => {
  it.each([
    ['Ctrl-C (SIGINT to the whole process group)', 'SIGINT', true],
    ['SIGINT to the CLI alone', 'SIGINT', false],
    ['SIGTERM to the CLI alone', 'SIGTERM', false],
  ] as const)('%s stops every child and records the run as interrupted', async (_what, signal, group) => {
    const out = join(dir, `${signal}-${group}`);
    const { child, done } = startCli([...TINY, '--out', out, '--quiet']);
    const pid = child.pid ?? 0;
    const seen = new Set<number>();
    await eventually(() => {
      for (const p of pgrep(['-P', String(pid)])) seen.add(p);
      return pgrep(['-P', String(pid), '-f', SERVER_CHILD]).length > 0;
    }, 20_000, 'a server child started');
    process.kill(group ? -pid : pid, signal);
    const result = await done;
    expect(result.code).toBe(130); // the shell's code for a run ended by a signal
    expect(result.stderr).not.toMatch(/^\s+at /m);
    // nothing of the run is left: not in its process group, not any child it was seen to start
    await eventually(() => pgrep(['-g', String(pid)]).length === 0, 5000, 'the process group empty');
    expect([...seen].filter(alive)).toEqual([]);
    expect((await readRun(out)).status).toBe('interrupted');
  });

  it('tells the point under way at Ctrl-C as interrupted, not as a silent gap', async () => {
    const out = join(dir, 'under-way');
    // a long point: closed loop for up to 20 s, so that it is surely under way when the signal comes
    const { child, done } = startCli(['--messages', '1000000', '--duration', '20', '--warmup', '5', '--trials', '1', '--scenarios', 'echo', '--transports', 'sse', '--out', out, '--quiet']);
    const pid = child.pid ?? 0;
    await eventually(() => pgrep(['-P', String(pid), '-f', SERVER_CHILD]).some((p) => / sse\s*$/.test(commandLine(p))), 20_000, 'the sse server child started');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    process.kill(-pid, 'SIGINT');
    expect((await done).code).toBe(130);
    const run = await readRun(out);
    expect(run.status).toBe('interrupted');
    const sse = run.points.find((p) => p.transport === 'sse');
    expect(sse).toMatchObject({ status: 'failed', error: { code: 'WB_INTERRUPTED' } });
    expect(sse?.error?.message).toMatch(/^interrupted after \d+ s/);
    // what it measured before the signal (its server's stats at each mark it reached) is kept, and said
    const reached = Object.keys(sse?.marks ?? {}).length;
    expect(sse?.error?.message).toContain(reached > 0 ? `its server's stats at the ${reached} marks it reached are kept` : 'it had reached no mark');
  });

  it('records a killed server child as a failed point, runs the rest, and exits non-zero', async () => {
    const out = join(dir, 'killed');
    // no tcp: with it, each trial's calibration starts a tcp echo server of its own before the points
    const { child, done } = startCli([...TINY.slice(0, -1), 'sse,ws', '--out', out, '--quiet']);
    const pid = child.pid ?? 0;
    let victim = 0;
    // kill sse's server as soon as it is seen, which is mid-point whatever it is doing
    await eventually(() => {
      victim = pgrep(['-P', String(pid), '-f', SERVER_CHILD]).find((p) => / sse\s*$/.test(commandLine(p))) ?? 0;
      return victim !== 0;
    }, 20_000, 'the sse server child started');
    process.kill(victim, 'SIGKILL');
    const result = await done;
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBe(2);
    const run = await readRun(out);
    expect(run.status).toBe('complete');
    const killed = run.points.find((p) => p.transport === 'sse');
    const ws = run.points.find((p) => p.transport === 'ws');
    expect(killed?.status).toBe('failed');
    // the server's death is the point's failure, with its code, its whole message and a stack
    expect(killed?.error?.code).toBe('WB_SERVER');
    expect(killed?.error?.message).toMatch(/^server exited/);
    expect(killed?.error?.stack).toBeTruthy();
    expect(ws?.status).toBe('ok');
    const report = await readFile(join(out, 'report.md'), 'utf8');
    expect(report).toContain(killed?.error?.message.split('\n')[0] ?? 'no error recorded');
    await eventually(() => pgrep(['-g', String(pid)]).length === 0, 5000, 'the process group empty');
  });
});
