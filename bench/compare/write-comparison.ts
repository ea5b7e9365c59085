import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunRecord } from '../results/run-record.ts';
import type { Comparison } from './compare-runs.ts';
import { pointLabel } from './samples.ts';

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

/** What a CI step reads of the gate: `regressed` and `verdict` (pass, regression, not-measured). */
export type GateVerdict = 'pass' | 'regression' | 'not-measured';

/**
 * Appends the gate's outcome to $GITHUB_OUTPUT (steps.<id>.outputs.regressed / .verdict), and returns
 * the annotations GitHub shows on the run's page: one `::error::` per regressed metric, naming the point
 * and the metric, or one for a gate that could not measure.
 */
export async function githubOutcome(verdict: GateVerdict, c: Comparison | undefined, why: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const path = env['GITHUB_OUTPUT'];
  if (path) await appendFile(path, `regressed=${verdict === 'regression'}\nverdict=${verdict}\n`);
  if (env['GITHUB_ACTIONS'] !== 'true') return [];
  if (verdict === 'not-measured') return [`::error title=wirebench gate::${escapeData(why ?? 'could not measure')}`];
  return (c?.rows ?? [])
    .filter((r) => r.verdict === 'regression')
    .map((r) => {
      const ratio = Number.isFinite(r.ratio) ? ` ×${r.ratio.toFixed(3)}` : '';
      return `::error title=wirebench regression::${escapeData(`${pointLabel(r.point)}: ${r.metric}${ratio} (${r.reason})`)}`;
    });
}

/** Workflow commands end at a newline and read % as an escape: both are escaped, as the runner expects. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
