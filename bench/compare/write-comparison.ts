import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunRecord } from '../results/run-record.ts';
import type { Comparison } from './compare-runs.ts';

/** The JSON form: the comparison whole (NaN, which JSON lacks, becomes null). */
export function toJson(c: Comparison, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ schema: 1, ...extra, ...c }, (_key, value: unknown) => (Number.isNaN(value) ? null : value), 1) + '\n';
}

/** Writes compare.md and compare.json, and with an A/B run each side's merged run.json, into `outDir`. */
export async function writeComparison(
  outDir: string,
  markdown: string,
  json: string,
  merged?: { base: RunRecord; head: RunRecord },
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const files: Record<string, string> = { 'compare.md': markdown, 'compare.json': json };
  if (merged) {
    files['base.run.json'] = JSON.stringify(merged.base, null, 1) + '\n';
    files['head.run.json'] = JSON.stringify(merged.head, null, 1) + '\n';
  }
  for (const [name, text] of Object.entries(files)) await writeFile(join(outDir, name), text);
  return Object.keys(files).map((name) => join(outDir, name));
}

/** GitHub Actions shows this file on the job's page; appending keeps what earlier steps wrote. */
export async function appendStepSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const path = env['GITHUB_STEP_SUMMARY'];
  if (path) await appendFile(path, markdown + '\n');
}
