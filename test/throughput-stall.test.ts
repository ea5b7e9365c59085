import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { machineStalled, STALL_RETRIES } from '../bench/load/stall.ts';
import { machineProcessCpuUs, processCpuUs, runQueueWaitUs, stealUs } from '../protocol/run-queue.ts';
import type { RunRecord } from '../bench/results/run-record.ts';
import type { ThroughputData } from '../bench/scenarios/throughput/result.ts';
import { ROOT, startCli } from './helpers/cli-run.ts';
import { measured } from './helpers/points.ts';

/** The pids of the processes below `pid` (children, grandchildren, ...). */
function descendants(pid: number): { pid: number; args: string }[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .flatMap((m) => (m ? [{ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] ?? '' }] : []));
  const out: { pid: number; args: string }[] = [];
  const walk = (parent: number) => {
    for (const row of rows.filter((r) => r.ppid === parent)) {
      out.push(row);
      walk(row.pid);
    }
  };
  walk(pid);
  return out;
}

/**
 * A ci-profile throughput search of tcp through the CLI while other work takes a core from one of its
 * processes (the load's or the server's, found by its entry's name): that process is pinned to CPU 0
 * with a spinning process beside it (taskset), as when another benchmark has the cores. A stopped
 * process (SIGSTOP) would not do: no other process uses the core then, and a wait without other work
 * is the two processes of the point waiting for each other, not a stall (load/stall.ts). Returns the
 * point and its report.
 */
async function searchBesideSpinner(entry: 'load-process' | 'server-process') {
  const out = await mkdtemp(join(tmpdir(), 'wirebench-stall-'));
  const { child, done } = startCli(['--scenarios', 'throughput', '--transports', 'tcp', '--profile', 'ci', '--trials', '1', '--out', out, '--quiet']);
  let spinner: ReturnType<typeof spawn> | undefined;
  const pinning = (async () => {
    for (let tries = 0; tries < 600 && spinner === undefined && child.exitCode === null; tries++) {
      const target = descendants(child.pid ?? -1).find((p) => p.args.includes(entry));
      if (target) {
        execFileSync('taskset', ['-a', '-p', '-c', '0', String(target.pid)], { stdio: 'ignore' });
        // bounded: it spins 60 s at most, and is killed when the search ends
        spinner = spawn('taskset', ['-c', '0', process.execPath, '-e', 'const t = Date.now(); while (Date.now() - t < 60000) {}'], { stdio: 'ignore' });
      } else await new Promise((r) => setTimeout(r, 20));
    }
  })().catch(() => {}); // the process may end between the lookup and the pinning
  try {
    const result = await done;
    await pinning;
    expect(spinner, 'the spinner started beside the process').toBeDefined();
    expect(result.code, result.stderr).toBe(0);
    const record = JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as RunRecord;
    const point = measured(record.points.find((p) => p.scenario === 'throughput'));
    return { point, report: await readFile(join(out, 'report.md'), 'utf8') };
  } finally {
    spinner?.kill('SIGKILL');
    await rm(out, { recursive: true, force: true });
  }
}

describe('a throughput search on a machine where other work takes the cores', () => {
  it('tells a stall (waiting for a core) from a load process at work, and an unknown wait from none', () => {
    expect(machineStalled({ runQueueWaitUs: 30_000, wallUs: 1e6 })).toBe(true);
    expect(machineStalled({ runQueueWaitUs: 5_000, wallUs: 1e6 })).toBe(false);
    expect(machineStalled({ wallUs: 1e6 })).toBe(false);
    // the server's wait counts as the load's does: either side's stall delays the echoes
    expect(machineStalled({ runQueueWaitUs: 1_000, serverRunQueueWaitUs: 30_000, wallUs: 1e6 })).toBe(true);
    // the hypervisor's steal too, from two 10 ms ticks up: one tick going by in a step is thin steal
    expect(machineStalled({ stealUs: 30_000, wallUs: 1e6 })).toBe(true);
    expect(machineStalled({ stealUs: 10_000, wallUs: 4e5 })).toBe(false);
    // a wait while no other process ran is the load and the server waiting for each other: no stall
    expect(machineStalled({ runQueueWaitUs: 30_000, foreignCpuUs: 0, wallUs: 1e6 })).toBe(false);
    expect(machineStalled({ runQueueWaitUs: 30_000, foreignCpuUs: 200_000, wallUs: 1e6 })).toBe(true);
    // steal is other work whatever the guest's processes did
    expect(machineStalled({ stealUs: 30_000, foreignCpuUs: 0, wallUs: 1e6 })).toBe(true);
  });

  it('reads the CPU time of the machine and of one process', () => {
    expect(machineProcessCpuUs('cpu  10 2 5 100 0 7 9 1 0 0\ncpu0 5 0 2 50 0 0 0 0 0 0\n')).toBe(170_000);
    const before = processCpuUs();
    const t = performance.now();
    while (performance.now() - t < 50) void 0; // spin: CPU time this process used
    expect((processCpuUs() ?? 0) - (before ?? 0)).toBeGreaterThanOrEqual(30_000);
    expect(machineProcessCpuUs()).toBeGreaterThan(0);
    expect(processCpuUs(2 ** 22 + 1)).toBeUndefined();
  });

  it('reads each CPU\'s steal from /proc/stat, in µs', () => {
    const stat = 'cpu  10 0 5 100 0 0 0 7 0 0\ncpu0 5 0 2 50 0 0 0 3 0 0\ncpu1 5 0 3 50 0 0 0 4 0 0\nintr 1 2\n';
    expect(stealUs(stat)).toEqual([30_000, 40_000]);
    expect(stealUs()?.length).toBeGreaterThanOrEqual(1);
  });

  it("counts this thread's wait for a core, which a busy sibling on the same core makes grow", () => {
    expect(runQueueWaitUs()).toBeGreaterThanOrEqual(0);
    // two spinning processes pinned to one core, each 400 ms: each waits for the other about half the time
    const script =
      "const { runQueueWaitUs } = await import('./protocol/run-queue.ts'); const a = runQueueWaitUs(); " +
      'const t = performance.now(); while (performance.now() - t < 400) {} console.log(runQueueWaitUs() - a);';
    const spin = () => spawn('taskset', ['-c', '0', process.execPath, '--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT });
    const waits = [spin(), spin()].map(
      (child) => new Promise<number>((resolve) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.once('close', () => resolve(Number(out.trim())));
      }),
    );
    // and the same wait read from outside, by pid, as the load process reads its server's
    const outside = [spin(), spin()];
    const readOutside = new Promise<number | undefined>((resolve) => setTimeout(() => resolve(Math.max(...outside.map((c) => runQueueWaitUs(c.pid) ?? -1))), 350));
    const gone = runQueueWaitUs(2 ** 22 + 1); // above pid_max: no such process, an unknown wait
    return Promise.all([...waits, readOutside, ...outside.map((c) => new Promise((r) => c.once('close', r)))]).then(([a, b, seen]) => {
      expect(Math.max(a as number, b as number)).toBeGreaterThan(50_000);
      expect(seen).toBeGreaterThan(0);
      expect(gone).toBeUndefined();
    });
  });

  it.each(['load-process', 'server-process'] as const)("retries the step stalled in the %s, then ends the search saying it can't tell, with no limit of 0", async (entry) => {
    const { point, report } = await searchBesideSpinner(entry);
    const [search] = (point.result.data as ThroughputData).searches;
    const last = search?.steps.at(-1);
    expect(last?.stalled).toBe(true);
    // the rate was tried STALL_RETRIES times more, each attempt thrown away, before the search gave up
    expect(last?.stalls).toBe(STALL_RETRIES);
    // the side beside the spinner is the side whose wait was counted, and the spinner's CPU was counted as other work
    expect(last?.cost?.foreignCpuUs ?? 0).toBeGreaterThanOrEqual(0.1 * (last?.cost?.wallUs ?? Infinity));
    const waited = entry === 'load-process' ? last?.cost?.runQueueWaitUs : last?.cost?.serverRunQueueWaitUs;
    expect(waited ?? 0).toBeGreaterThanOrEqual(0.02 * (last?.cost?.wallUs ?? Infinity));
    expect(point.figures.find((f) => f.metric === 'limit_machine_stalled')?.value).toBe(1);
    expect(report).toContain('the machine** ⚠ (it stalled the load process or the server');
  }, 120_000);
});
