import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSummaryCsv } from '../bench/compare/read-figures.ts';
import type { RunRecord } from '../bench/results/run-record.ts';
import type { SummaryRow } from '../bench/results/summary-csv.ts';
import { runCli, ROOT, type CliResult } from './helpers/cli-run.ts';
import { measured } from './helpers/points.ts';
import { plainNumber } from '../bench/report/format.ts';
import { spawn } from 'node:child_process';

const PAYLOAD = 128;
const MESSAGES = 100;

/** `npm run bench:merge`, as npm runs it. */
function merge(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/cli/merge.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * One real run with the options a person sets (two load processes, two connections, a payload of its
 * own, two trials, --json), then bench:merge of it: each option does what it says end to end.
 */
describe('bench options end to end', () => {
  let out = '';
  let result: CliResult;
  let run: RunRecord;
  let rows: SummaryRow[];
  const value = (from: readonly SummaryRow[], transport: string, metric: string, trial = 1) =>
    from.find((r) => r.transport === transport && r.metric === metric && r.trial === trial)?.value;

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'wirebench-options-'));
    const options = ['--workers', '2', '--connections', '2', '--payload', String(PAYLOAD), '--trials', '2', '--json', '--quiet'];
    result = await runCli(['--transports', 'tcp,ws', '--scenarios', 'echo', '--messages', String(MESSAGES), '--warmup', '10', ...options, '--out', out]);
    run = JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as RunRecord;
    const csvPath = join(out, 'summary.csv');
    rows = parseSummaryCsv(await readFile(csvPath, 'utf8'), csvPath);
  }, 150_000);
  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('--json prints the summary rows on stdout, the same as summary.csv', () => {
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as SummaryRow[];
    expect(printed).toHaveLength(rows.length);
    // row for row, the CSV's values being the same numbers to three decimals
    printed.forEach((p, i) => {
      const { value: csvValue, ...csvRest } = rows[i] ?? ({} as SummaryRow);
      const { value: jsonValue, ...jsonRest } = p;
      expect(jsonRest).toEqual(csvRest);
      expect(Number(plainNumber(jsonValue))).toBe(csvValue);
    });
  });

  it('--workers 2 runs two load processes per point, whose connections and counts add up', () => {
    for (const point of run.points) {
      expect(point.job.workers).toBe(2);
      // --connections 2 over two processes, --messages per connection
      expect(measured(point).result.delivery).toEqual({ sent: 2 * MESSAGES, delivered: 2 * MESSAGES, lost: 0, duplicated: 0, reordered: 0 });
    }
  });

  it('--payload sets the size of every message on the wire', () => {
    // tcp: the message and its newline; ws: RFC 6455's 4 B header for 126 to 65,535 B, 4 B of mask upstream
    for (const trial of [1, 2]) {
      expect(value(rows, 'tcp', 'bytes_up_per_msg', trial)).toBe(PAYLOAD + 1);
      expect(value(rows, 'tcp', 'bytes_down_per_msg', trial)).toBe(PAYLOAD + 1);
      expect(value(rows, 'ws', 'bytes_up_per_msg', trial)).toBe(PAYLOAD + 8);
      expect(value(rows, 'ws', 'bytes_down_per_msg', trial)).toBe(PAYLOAD + 4);
    }
    expect(new Set(rows.map((r) => r.payloadBytes))).toEqual(new Set([PAYLOAD]));
  });

  it('turns the order of transports by one each trial', () => {
    expect(run.points.map((p) => `${p.trial}:${p.transport}`)).toEqual(['1:tcp', '1:ws', '2:ws', '2:tcp']);
  });

  it('reports the calibration of each trial against the suite\'s tcp echo', async () => {
    expect(run.calibration).toHaveLength(2);
    const report = await readFile(join(out, 'report.md'), 'utf8');
    expect(report).toMatch(/taking turns with the suite's own `tcp` echo inside the same window, in 2 trial\(s\).*\(ratios \d+\.\d\d×, \d+\.\d\d×\): the suite's own overhead \(envelope, framing, bookkeeping\) is \*\*\d+\.\d\d×\*\*/);
    expect(report).toContain('2 fresh load process(es)');
    // the hand-written ws client and the suite's ws echo, measured as a pair in each trial
    for (const c of run.calibration ?? []) {
      const ws = 'wsClient' in c ? c.wsClient : undefined;
      expect(ws && 'msgsPerS' in ws ? ws.suiteMsgsPerS : undefined).toBeGreaterThan(0);
    }
    expect(report).toMatch(/each pair measured one right after the other \(2 pairs; ratios \d+%, \d+%\): the suite drove \*\*\d+%\*\*/);
  });

  it('bench:merge adds two hosts\' runs: counts sum, histograms add, the server\'s bytes are counted once', async () => {
    const merged = join(out, 'merged');
    const r = await merge([join(out, 'run.json'), join(out, 'run.json'), '--out', merged]);
    expect(r.code, r.stderr).toBe(0);
    const csvPath = join(merged, 'summary.csv');
    const both = parseSummaryCsv(await readFile(csvPath, 'utf8'), csvPath);
    for (const transport of ['tcp', 'ws']) {
      expect(value(both, transport, 'sent')).toBe(2 * (value(rows, transport, 'sent') ?? NaN));
      // the same histogram twice has the same percentiles
      expect(value(both, transport, 'rtt_p50')).toBe(value(rows, transport, 'rtt_p50'));
      // one server window for both hosts, twice the messages: half the bytes per message
      expect(value(both, transport, 'bytes_up_per_msg')).toBe((value(rows, transport, 'bytes_up_per_msg') ?? NaN) / 2);
    }
    const record = JSON.parse(await readFile(join(merged, 'run.json'), 'utf8')) as RunRecord;
    expect(record.points.map((p) => p.job.workers)).toEqual([4, 4, 4, 4]);
  });
});
