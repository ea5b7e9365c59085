/**
 * A point that fails part-way keeps what it measured: an idle point whose server dies after its first
 * count was held and read is recorded failed, with the server's stats at every mark it reached (the
 * connections held and the memory at that count) and its load processes' progress (what was held and
 * delivered, and the figures of it), and the report's Failures table and idle section say so.
 */
import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { parseOptions } from '../bench/cli/bench-options.ts';
import { Child } from '../bench/processes/child-process.ts';
import { failuresSection } from '../bench/report/report.ts';
import type { RunRecord } from '../bench/results/run-record.ts';
import { runPoint, type Fork } from '../bench/run/point-runner.ts';
import type { Environment } from '../bench/run/environment.ts';
import { summaryRows } from '../bench/results/summary-csv.ts';
import { idleReport } from '../bench/scenarios/idle/report.ts';
import type { IdleSizes } from '../bench/scenarios/idle/sizes.ts';

describe('a point that fails part-way', () => {
  it('keeps the server stats of every mark reached before the failure, and stops every process', { timeout: 90_000 }, async () => {
    const parsed = parseOptions(['--transports', 'ws', '--scenarios', 'idle', '--trials', '1', '--quiet']);
    if (parsed.help) throw new Error('unexpected --help');
    const config = { ...parsed.config, sizes: { ...parsed.config.sizes, idle: { counts: [20, 40], windowS: 1, heartbeats: 0 } } };
    const children: { entry: string; child: Child }[] = [];
    const fork: Fork = (entry, _role, args, nodeArgs, env) => {
      const child = new Child(entry, { ...(args ? { args } : {}), ...(nodeArgs ? { nodeArgs } : {}), ...(env ? { env } : {}) });
      children.push({ entry, child });
      return child;
    };
    const server = () => children.find((c) => basename(c.entry) === 'server-process.ts')?.child;
    // the first count is held and read (held:20), its broadcast sent (broadcast:20): then the server dies
    const onMark = (name: string) => {
      if (name === 'broadcast:20') server()?.process.kill('SIGKILL');
    };
    const point = await runPoint({ trial: 1, client: 'node', transport: 'ws', scenario: 'idle' }, config, fork, { onMark });
    expect(point.status).toBe('failed');
    if (point.status !== 'failed') return;
    expect(point.error.code).toBe('WB_SERVER');
    expect(Object.keys(point.marks ?? {})).toEqual(['start', 'held:20', 'broadcast:20']);
    expect(point.marks?.['held:20']?.connectionsOpen).toBe(20);
    expect(point.marks?.['held:20']?.heapUsedBytes).toBeGreaterThan(0);
    // and the load processes' progress: what was held and delivered at 20, with the figures of it
    const partial = point.partial as { held: { count: number; held: number }[]; broadcasts: { count: number; delivered: number }[] } | undefined;
    expect(partial?.held.map((h) => [h.count, h.held])).toEqual([[20, 20]]);
    expect(partial?.broadcasts.map((b) => [b.count, b.delivered])).toEqual([[20, 20]]);
    const figure = (metric: string) => point.figures?.find((f) => f.metric === metric && f.connections === 20)?.value;
    expect(figure('connections_held')).toBe(20);
    expect(figure('broadcast_delivered')).toBe(20);
    expect(figure('heap_per_conn_at_bytes')).toBeGreaterThan(0);
    // none of the whole window's: the load's health was never measured
    expect(point.figures?.some((f) => f.metric === 'load_cpu_pct')).toBe(false);
    // every process the point started is gone
    for (const { entry, child } of children) expect(child.process.exitCode !== null || child.process.signalCode !== null, basename(entry)).toBe(true);
    const run = { schema: 2, runId: 'part-way', startedAt: '', status: 'complete', environment: {} as Environment, config, points: [point] } satisfies RunRecord;
    // summary.csv keeps them beside the failed row, and the idle section says they stop part-way
    const rows = summaryRows(run);
    expect(rows.filter((r) => r.metric === 'failed')).toHaveLength(1);
    expect(rows.find((r) => r.metric === 'connections_held')?.value).toBe(20);
    expect(idleReport.section({ run, rows, allRows: rows, sizes: config.sizes.idle as IdleSizes }).join('\n')).toContain('**ws**: the point failed part-way');
    expect(failuresSection(run).join('\n')).toMatch(/\| 1 \| idle \| ws \| server .* \| 3 marks; the last, broadcast:20: 20 connections open, heap [\d.]+ MB, RSS [\d.]+ MB \|/);
  });
});
