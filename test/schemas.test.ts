/**
 * The JSON Schemas of run.json and compare.json (bench/results/schemas/): what this version writes holds
 * to them, and a file that breaks them is refused when it is read, in one line naming where.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../bench/compare/compare-runs.ts';
import { toJson } from '../bench/compare/write-comparison.ts';
import { WirebenchError } from '../bench/errors.ts';
import { readComparisonFile } from '../bench/results/read-comparison.ts';
import { asRunRecord, readRunFile } from '../bench/results/read-run.ts';
import type { RunRecord } from '../bench/results/run-record.ts';
import { schemaProblem } from '../bench/results/schema-check.ts';

/** A schema-1 run of every scenario, read as schema 2: every point of every scenario in the current shape. */
const upgraded = (): RunRecord =>
  asRunRecord(JSON.parse(gunzipSync(readFileSync(join(import.meta.dirname, 'fixtures', 'schema1-run.json.gz'))).toString('utf8')), 'fixture');

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirebench-schemas-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The run, changed by `edit`, written and read back as a command reads it: the error's message, or 'read'. */
async function readBack(edit: (run: RunRecord & Record<string, unknown>) => void): Promise<string> {
  const run = structuredClone(upgraded()) as RunRecord & Record<string, unknown>;
  edit(run);
  const path = join(dir, 'run.json');
  await writeFile(path, JSON.stringify(run));
  try {
    await readRunFile(path);
    return 'read';
  } catch (error) {
    expect(error).toBeInstanceOf(WirebenchError);
    expect((error as WirebenchError).exitCode).toBe(2);
    return (error as Error).message;
  }
}

describe('run.schema.json', () => {
  it('holds for a run of every scenario in the current schema', async () => {
    const run = upgraded();
    expect(schemaProblem('run', JSON.parse(JSON.stringify(run)))).toBeUndefined();
    expect(await readBack(() => {})).toBe('read');
  });

  it('refuses a run that breaks it, naming the place', async () => {
    expect(await readBack((r) => ((r.points[0] as { status: string }).status = 'maybe'))).toMatch(/^'.*run\.json' is not a wirebench run\.json: \/points\/0\/status /);
    expect(await readBack((r) => ((r.points[1] as { figures: { unit: string }[] }).figures[0]!.unit = 'furlongs'))).toMatch(/\/points\/1\/figures\/0\/unit must be equal to one of the allowed values \("us"/);
    expect(await readBack((r) => delete (r as Partial<RunRecord>).points)).toMatch(/must have required property 'points'/);
    expect(await readBack((r) => (r.runId = '../../etc'))).toMatch(/\/runId must match pattern/);
    expect(await readBack((r) => Object.assign(r.points[2] as object, { status: 'failed' }))).toMatch(/\/points\/2 must have required property 'error'/);
  });
});

describe('compare.schema.json', () => {
  it('holds for what the gate writes, and readComparisonFile reads it', async () => {
    const run = upgraded();
    const json = toJson(compareRuns(run, run));
    expect(schemaProblem('compare', JSON.parse(json))).toBeUndefined();
    const path = join(dir, 'compare.json');
    await writeFile(path, json);
    expect((await readComparisonFile(path)).regressed).toBe(false);
  });

  it('refuses a compare.json that breaks it', async () => {
    const run = upgraded();
    const broken = JSON.parse(toJson(compareRuns(run, run))) as { rows: { verdict: string }[] };
    broken.rows[0]!.verdict = 'fine';
    const path = join(dir, 'broken.json');
    await writeFile(path, JSON.stringify(broken));
    await expect(readComparisonFile(path)).rejects.toThrow(/not a wirebench compare\.json: \/rows\/0\/verdict must be equal to one of the allowed values/);
  });
});
