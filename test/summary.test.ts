import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FigureTable } from '../bench/report/figure-table.ts';
import { readable } from '../bench/report/format.ts';
import { renderSummary } from '../bench/report/summary.ts';
import { SUMMARY_WIDTH, textTable, wrap } from '../bench/report/terminal-text.ts';
import { asRunRecord } from '../bench/results/read-run.ts';
import type { RunRecord } from '../bench/results/run-record.ts';
import { summaryRows } from '../bench/results/summary-csv.ts';

const fixture = (): RunRecord =>
  asRunRecord(JSON.parse(gunzipSync(readFileSync(join(import.meta.dirname, 'fixtures', 'schema1-run.json.gz'))).toString('utf8')), 'fixture');

/** The same run with every point measured three times (the figures scaled per trial), as a default run's echo is. */
function threeTrials(run: RunRecord): RunRecord {
  const points = [1, 2, 3].flatMap((trial) =>
    run.points.map((p) => (p.status === 'ok' ? { ...p, trial, figures: p.figures.map((f) => ({ ...f, value: f.value * (1 + (trial - 2) / 20) })) } : { ...p, trial })),
  );
  return { ...run, points };
}

describe('the summary printed at the end of a run', () => {
  const run = fixture();
  const summary = renderSummary(run);
  const lines = summary.split('\n');

  it(`fits a ${SUMMARY_WIDTH}-column terminal`, () => {
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(SUMMARY_WIDTH);
  });

  it('ranks the echo table by median round trip, with the figures the report has', () => {
    const echo = new FigureTable(summaryRows(run).filter((r) => r.ratePerS === undefined), 'echo');
    const header = lines.findIndex((l) => /^\s+transport\s+p50 µs\s+p99 µs\s+p50 ÷ tcp/.test(l));
    expect(header).toBeGreaterThan(0);
    const ranked = echo.ranked('rtt_p50');
    ranked.forEach(({ transport, value }, i) => {
      const cells = (lines[header + 1 + i] ?? '').trim().split(/\s{2,}/);
      expect(cells[0]).toBe(transport);
      expect(cells[1]).toBe(readable(value));
      expect(cells[2]).toBe(readable(echo.median(transport, 'rtt_p99')));
      expect(cells[3]).toMatch(/^\d+\.\d\d×/);
    });
    expect(lines[header + 1]).toMatch(/^\s+tcp\s/); // the floor is the fastest in this run
  });

  it('gives capacity, memory per connection and the verdict', () => {
    expect(summary).toMatch(/^Capacity, echoes\/s with p99 under 10 ms \(1 connection, 64 B\): /m);
    expect(summary).toMatch(/^Memory per idle connection in the server, heap \/ RSS bytes: /m);
    expect(summary).toMatch(/^- Lowest echo latency: \w/m);
    expect(summary).not.toContain('**'); // the report's markdown, undone for a terminal
  });

  it('shows the interval of each ratio when there were several trials', () => {
    const three = renderSummary(threeTrials(run));
    expect(three).toContain('medians of 3 trials, 95% interval in brackets');
    expect(three).toMatch(/^\s+ws\s.*\d\.\d\d× \(\d\.\d\d–\d\.\d\d\)/m);
  });
});

describe('terminal text', () => {
  it('pads columns by their widest cell, numbers to the right', () => {
    const table = textTable([{ title: 'name', align: 'left' }, { title: 'n', align: 'right' }], [['a', '1'], ['bbbb', '1,000']]);
    expect(table).toEqual(['  name      n', '  a         1', '  bbbb  1,000']);
  });

  it('wraps at the width, hanging the rest', () => {
    const lines = wrap('one two three four five', 10, '  ');
    expect(lines).toEqual(['one two', '  three', '  four', '  five']);
  });
});
