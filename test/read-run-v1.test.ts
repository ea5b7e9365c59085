import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { asRunRecord } from '../bench/results/read-run.ts';
import { RUN_SCHEMA } from '../bench/results/run-record.ts';
import { summaryRows, toCsv } from '../bench/results/summary-csv.ts';
import { renderReport } from '../bench/report/report.ts';
import { SCENARIO_NAMES } from '../bench/scenarios/registry.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const gunzipped = (name: string) => gunzipSync(readFileSync(join(FIXTURES, name))).toString('utf8');

/**
 * A run of every scenario over tcp, ws, polling and socketio-polling, recorded by the last version of
 * schema 1 (commit 4663b6a) together with the summary.csv that version derived from it: read by this
 * version, every scenario's old result must give exactly the figures its own code gave.
 */
describe('a run.json of schema 1', () => {
  const v1 = JSON.parse(gunzipped('schema1-run.json.gz')) as { schema: number; points: { scenario: string }[] };
  const csv = gunzipped('schema1-summary.csv.gz');

  it('covers every scenario of this version', () => {
    expect(v1.schema).toBe(1);
    expect(new Set(v1.points.map((p) => p.scenario))).toEqual(new Set(SCENARIO_NAMES));
  });

  it('is read as the current schema, with the figures its own version wrote, row for row', () => {
    const run = asRunRecord(v1, 'schema1-run.json');
    expect(run.schema).toBe(RUN_SCHEMA);
    expect(run.points.every((p) => p.status === 'ok')).toBe(true);
    expect(toCsv(summaryRows(run))).toBe(csv);
  });

  it('draws a report with every scenario\'s section', () => {
    const report = renderReport(asRunRecord(v1, 'schema1-run.json'));
    for (const heading of ['## Echo', '## Throughput', '## Push', '## Fan-out', '## Wire bytes', '## Header overhead', '## CPU per message', '## Connect', '## Idle', '## Churn']) {
      expect(report).toContain(heading);
    }
  });
});
