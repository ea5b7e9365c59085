import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIRE_SIZES } from '../bench/scenarios/wire/sizes.ts';

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
      expect(value(t, 'idle_bytes_per_min')).toBeGreaterThanOrEqual(0);
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
