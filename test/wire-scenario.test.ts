import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIRE_SIZES, WIRE_WINDOWS } from '../bench/scenarios/wire/sizes.ts';
import { wireFigures } from '../bench/scenarios/wire/scenario.ts';
import { jobOf, statsAt } from './helpers/records.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');
const TRANSPORTS = ['tcp', 'ws', 'longpoll'];

interface Row {
  transport: string;
  payload: number;
  metric: string;
  value: number;
}

/** RFC 6455 5.2: a 7-bit length up to 125, then 16 bits up to 65535, then 64 bits. */
const wsHeader = (size: number) => (size <= 125 ? 2 : size <= 0xffff ? 4 : 10);

/** The wire scenario through the real CLI, in its own processes: the sweep's bytes and the breakdown's sums. */
describe('wire scenario via the CLI', () => {
  let out = '';
  let rows: Row[] = [];
  let report = '';
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'wirebench-wire-'));
    await run(process.execPath, ['--import', 'tsx', 'bench/cli/bench.ts', '--scenarios', 'wire', '--transports', TRANSPORTS.join(','), '--out', out, '--quiet'], {
      cwd: ROOT,
      timeout: 120_000,
    });
    const csv = await readFile(join(out, 'summary.csv'), 'utf8');
    rows = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','))
      .map((c) => ({ transport: c[3] ?? '', payload: Number(c[5]), metric: c[8] ?? '', value: Number(c[9]) }));
    report = await readFile(join(out, 'report.md'), 'utf8');
  }, 150_000);
  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  const value = (transport: string, metric: string, payload?: number) =>
    rows.find((r) => r.transport === transport && r.metric === metric && (payload === undefined || r.payload === payload))?.value;

  it('ws carries each message in one frame: payload + 2/4/10 down, + 4 more (the mask) up', () => {
    for (const size of WIRE_SIZES) {
      expect(value('ws', 'bytes_down_per_msg', size), `${size} B down`).toBe(size + wsHeader(size));
      expect(value('ws', 'bytes_up_per_msg', size), `${size} B up`).toBe(size + wsHeader(size) + 4);
    }
  });

  it('tcp adds one newline per message, and the ratio row is wire over payload', () => {
    for (const size of WIRE_SIZES) {
      expect(value('tcp', 'bytes_up_per_msg', size)).toBe(size + 1);
      expect(value('tcp', 'bytes_down_per_msg', size)).toBe(size + 1);
      expect(value('tcp', 'overhead_ratio', size)).toBeCloseTo((size + 1) / size, 3);
    }
  });

  it('every transport has handshake, idle and sweep rows, and lost nothing', () => {
    for (const t of TRANSPORTS) {
      for (const size of WIRE_SIZES) expect(value(t, 'bytes_down_per_msg', size), `${t} ${size}`).toBeGreaterThan(size);
      // none of these three says anything when idle (no pings by default, a long poll held for 25 s)
      expect(value(t, 'idle_bytes_per_min'), `${t} idle`).toBe(0);
      // the window the marks measured: the quick profile's 1 s sleep and the marks' own round trips
      const window = value(t, 'idle_window_us') ?? 0;
      expect(window).toBeGreaterThan(WIRE_WINDOWS.quick.idleS * 1e6);
      expect(window).toBeLessThan(WIRE_WINDOWS.quick.idleS * 1e6 + 500_000);
      expect(value(t, 'lost')).toBe(0);
    }
    expect(value('ws', 'handshake_bytes_up')).toBeGreaterThan(100); // an HTTP upgrade request
    expect(value('longpoll', 'handshake_bytes_down')).toBeGreaterThan(0);
  });

  it('the breakdown parts add up to the bytes the meter counted, and carry the 64 B message once each way', () => {
    for (const t of TRANSPORTS) {
      for (const window of ['handshake', 'message']) {
        for (const dir of ['up', 'down']) {
          const prefix = `part_${window}_${dir}_`;
          const parts = rows.filter((r) => r.transport === t && r.metric.startsWith(prefix) && !r.metric.endsWith('_counted'));
          const counted = value(t, `${prefix}counted`);
          expect(counted, `${t} ${window} ${dir} counted`).toBeDefined();
          expect(parts.reduce((s, r) => s + r.value, 0), `${t} ${window} ${dir}`).toBe(counted);
          expect(value(t, `${prefix}unparsed`), `${t} ${window} ${dir} unparsed`).toBeUndefined();
        }
      }
      expect(value(t, 'part_message_up_message')).toBe(64);
      expect(value(t, 'part_message_down_message')).toBe(64);
    }
    expect(value('ws', 'part_message_up_ws_mask_key')).toBe(4);
    expect(value('longpoll', 'part_message_up_http_headers')).toBeGreaterThan(0);
  });

  it('the report has the sweep, the breakdown tables, and no part sum that disagrees', () => {
    expect(report).toContain('## Wire bytes: handshake, per message, idle');
    expect(report).toContain('#### Breakdown of one 64 B echo');
    expect(report.split('\n').filter((l) => l.endsWith('| **no** |'))).toEqual([]);
    for (const t of TRANSPORTS) expect(report).toContain(`| ${t} |`);
  });
});

describe('wire idle bytes', () => {
  it('are scaled to a minute by the window the marks measured, not by the configured sleep', () => {
    // configured for 1 s, measured 2 s (a sleep that overran, marks that waited): 1,200 B in 2 s is 36,000 B a minute
    const marks = { 'idle-start': statsAt({ atUs: 5e6, bytesRead: 100, bytesWritten: 100 }), 'idle-end': statsAt({ atUs: 7e6, bytesRead: 700, bytesWritten: 700 }) };
    const sizes = { messagesPerSize: 0, idleS: 1 };
    const result = { data: { messagesPerSize: 0, idleWindowS: 1 }, health: { elapsedUs: 1, cpuUs: 0, loopDelayP99Us: 0, loopDelayMaxUs: 0 } };
    const figures = wireFigures({ job: jobOf('wire', { sizes }), sizes, result, marks });
    expect(figures.find((f) => f.metric === 'idle_bytes_per_min')?.value).toBe(36_000);
    expect(figures.find((f) => f.metric === 'idle_window_us')?.value).toBe(2e6);
  });
});
