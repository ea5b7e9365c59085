/**
 * Transports that lose, duplicate or reorder messages: the real `ws` server in its own process, whose
 * hub mishandles every Nth message it hands to a peer (test/helpers/faulty-server-process.ts), loaded by
 * the suite's own load processes. First one that drops one message in a hundred. Every scenario that moves messages must give its figures with the loss
 * counted, exactly where the count is known, and within its own bounded time: a point that waited for
 * the missing messages until the point's timeout would fail instead of saying how many were lost.
 * (connect and idle move no messages through the hub, micro none at all; throughput has its own test.)
 */
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../bench/cli/bench-options.ts';
import type { RunRecord } from '../bench/results/run-record.ts';
import { runPoint } from '../bench/run/point-runner.ts';
import type { Environment } from '../bench/run/environment.ts';
import { warningsSection } from '../bench/report/sections/warnings.ts';
import { faultyFork, type Faults } from './helpers/faulty-server.ts';
import { measured } from './helpers/points.ts';

const DROP_EVERY = 100;
const REPLY_TIMEOUT_MS = 300;

async function faultyPoint(scenario: string, sizes: unknown, flags: string[] = [], faults: Faults = { dropEvery: DROP_EVERY }) {
  const parsed = parseOptions(['--transports', 'ws', '--scenarios', scenario, '--trials', '1', '--quiet', ...flags]);
  if (parsed.help) throw new Error('unexpected --help');
  const config = { ...parsed.config, replyTimeoutMs: REPLY_TIMEOUT_MS, sizes: { ...parsed.config.sizes, [scenario]: sizes } };
  const started = Date.now();
  const point = measured(await runPoint({ trial: 1, client: 'node', transport: 'ws', scenario }, config, faultyFork(faults)));
  const figure = (metric: string, connections?: number) =>
    point.figures.find((f) => f.metric === metric && (connections === undefined || f.connections === connections))?.value;
  const run = { schema: 2, runId: 'lossy', startedAt: '', status: 'complete', environment: {} as Environment, config, points: [point] } satisfies RunRecord;
  return { point, figure, seconds: (Date.now() - started) / 1000, warnings: warningsSection(run).join('\n') };
}

describe('a transport that drops one message in a hundred', () => {
  it('push: both streams end when the rest stops coming, every lost message counted', { timeout: 60_000 }, async () => {
    // 1 × 1,000 then 5 × 1,000 messages: the hub's 6,000 sends lose exactly 60, 10 and 50 per stream
    const { point, figure, seconds, warnings } = await faultyPoint('push', { clients: [1, 5], messages: 1000 });
    expect(point.result.delivery).toMatchObject({ sent: 6000, delivered: 5940, lost: 60, duplicated: 0 });
    expect(figure('delivered', 1)).toBe(990);
    expect(figure('delivered', 5)).toBe(4950);
    expect(figure('lost')).toBe(60);
    expect(warnings).toContain('60 lost');
    // each stream waits a couple of seconds of silence, not its timeout (two of them exceeded the point's)
    expect(seconds).toBeLessThan(20);
  });

  it('fanout: the room is done when the rest stops coming, its loss counted', { timeout: 60_000 }, async () => {
    // 30 broadcasts to a room of 10: 300 sends, 3 lost
    const { figure, seconds, warnings } = await faultyPoint('fanout', { rooms: [10], broadcasts: 30 });
    expect(figure('sent', 10)).toBe(300);
    expect(figure('lost', 10)).toBe(3);
    expect(figure('delivered', 10)).toBe(297);
    expect(warnings).toContain('3 lost');
    expect(seconds).toBeLessThan(15);
  });

  it('overhead: every client counts its broadcasts, so a lost one is reported and warned of', { timeout: 60_000 }, async () => {
    // 150 clients × 2 broadcasts: 300 deliveries, 3 lost
    const { point, figure, seconds, warnings } = await faultyPoint('overhead', { clients: [150], windowS: 2 });
    expect(point.result.delivery).toMatchObject({ sent: 300, delivered: 297, lost: 3, duplicated: 0 });
    expect(figure('lost', 150)).toBe(3);
    expect(figure('delivered', 150)).toBe(297);
    expect(warnings).toContain('3 lost');
    expect(seconds).toBeLessThan(20);
  });

  it('wire: an echo that never comes back is lost after the reply timeout, and the sweep goes on', { timeout: 60_000 }, async () => {
    // 142 exchanges (one before the sweep, 7 sizes × 20, one captured): the 100th is lost
    const { point, figure, seconds } = await faultyPoint('wire', { messagesPerSize: 20, idleS: 0.2 });
    expect(point.result.delivery).toMatchObject({ sent: 142, delivered: 141, lost: 1, duplicated: 0 });
    expect(figure('lost')).toBe(1);
    expect(seconds).toBeLessThan(20);
  });

  it('echo: a closed loop counts each unanswered round trip lost after the reply timeout', { timeout: 60_000 }, async () => {
    const { point, seconds } = await faultyPoint('echo', {}, ['--messages', '500', '--warmup', '150', '--duration', '2']);
    const d = point.result.delivery;
    // warm-up and measured round trips share the hub's count: one in a hundred of the measured, give or take one
    expect(d?.lost).toBeGreaterThanOrEqual(1);
    expect(Math.abs((d?.lost ?? 0) - (d?.sent ?? 0) / DROP_EVERY)).toBeLessThanOrEqual(1);
    expect((d?.delivered ?? 0) + (d?.lost ?? 0)).toBe(d?.sent);
    expect(seconds).toBeLessThan(20);
  });

  it('churn: the connections never dropped report what they missed', { timeout: 60_000 }, async () => {
    const { figure, seconds } = await faultyPoint('churn', { connections: 10, dropShare: 0.5, ratePerS: 100, durationS: 2, dropAtS: 0.3 });
    expect(figure('churn_kept_lost')).toBeGreaterThanOrEqual(1);
    expect(figure('lost')).toBeGreaterThanOrEqual(figure('churn_kept_lost') ?? Infinity);
    expect(seconds).toBeLessThan(20);
  });
});

describe('a transport that duplicates or reorders messages', () => {
  it('fanout: every duplicate and every message overtaken is counted, nothing lost', { timeout: 60_000 }, async () => {
    // 300 sends to a room of 10: the 99th, 198th and 297th twice; the 90th, 180th and 270th each after
    // its peer's next message (none of them the last to its peer, none of them the same as a duplicate)
    const { figure, warnings } = await faultyPoint('fanout', { rooms: [10], broadcasts: 30 }, [], { duplicateEvery: 99, swapEvery: 90 });
    expect(figure('delivered', 10)).toBe(300);
    expect(figure('lost', 10)).toBe(0);
    expect(figure('duplicated', 10)).toBe(3);
    expect(figure('reordered', 10)).toBe(3);
    expect(warnings).toContain('0 lost, 3 duplicated, 3 reordered');
  });

  it('push: the same, in one receiver\'s stream', { timeout: 60_000 }, async () => {
    // 1,000 messages: the 99th, 198th, ..., 990th twice (10), the 130th, 260th, ..., 910th (7) after the next
    const { point } = await faultyPoint('push', { clients: [1], messages: 1000 }, [], { duplicateEvery: 99, swapEvery: 130 });
    expect(point.result.delivery).toEqual({ sent: 1000, delivered: 1000, lost: 0, duplicated: 10, reordered: 7 });
  });
});
