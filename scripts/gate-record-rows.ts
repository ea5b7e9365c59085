/**
 * The rows of docs/gate-record.md's table, recomputed from the comparisons gate-proof.sh keeps under
 * docs/gate-runs/ (each run's compare.json, and its exit code and duration in summary.log), so that
 * the table can be checked against what the gate wrote.
 *
 *   npx tsx scripts/gate-record-rows.ts [docs/gate-runs] [--transport ws]
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Comparison, MetricComparison } from '../bench/compare/compare-runs.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { transport: { type: 'string', default: 'ws' } } });
const dir = positionals[0] ?? join(import.meta.dirname, '..', 'docs', 'gate-runs');

/** `name exit=N seconds=S ...` lines of gate-proof.sh, by run name. */
function summaries(): Map<string, { exit: string; seconds: number }> {
  const path = join(dir, 'summary.log');
  const lines = existsSync(path) ? readFileSync(path, 'utf8').trim().split('\n') : [];
  return new Map(
    lines.flatMap((line) => {
      const m = /^(\S+) exit=(\d+) seconds=(\d+)/.exec(line);
      return m?.[1] && m[2] && m[3] ? [[m[1], { exit: m[2], seconds: Number(m[3]) }] as const] : [];
    }),
  );
}

const pct = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`;
const holm = (p: number | undefined) => (p === undefined ? '–' : p < 0.001 ? p.toExponential(0) : p.toFixed(3));

function p50Cell(r: MetricComparison | undefined): string {
  if (!r) return 'absent';
  const ci = r.ratioLow === undefined || r.ratioHigh === undefined ? '' : `CI ${r.ratioLow.toFixed(2)}–${r.ratioHigh.toFixed(2)}, `;
  return `${pct(r.ratio)} ${r.verdict} (${ci}Holm p ${holm(r.pAdjusted)})`;
}

const runs = summaries();
const files = readdirSync(dir).filter((f) => f.endsWith('.compare.json')).sort();
for (const file of files) {
  const name = file.slice(0, -'.compare.json'.length);
  const c = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Comparison;
  const mine = (metric: string) => c.rows.find((r) => r.point.transport === values.transport && r.metric === metric);
  const p50 = mine('rtt_p50_vs_yardstick');
  const cpu = mine('server_cpu_us_per_msg');
  const rounds = Math.max(0, ...c.rows.map((r) => r.head.n));
  const regressions = c.rows.filter((r) => r.verdict === 'regression').map((r) => `\`${r.point.transport}\` ${r.metric} ${pct(r.ratio)}`);
  const counts = `${c.counts.regression} / ${c.counts.unknown} / ${c.counts.same} / ${c.counts.improvement}`;
  const cpuCell = cpu ? `CPU ${pct(cpu.ratio)} ${cpu.verdict} (base ${cpu.base.median.toFixed(1)} µs)` : 'CPU absent';
  const run = runs.get(name);
  const minutes = run ? (run.seconds / 60).toFixed(1) : '?';
  process.stdout.write(`| ${name} | ${rounds} | ${c.tests} | ${counts} | ${regressions.join('; ') || '—'} | ${p50Cell(p50)}; ${cpuCell} | ${run?.exit ?? '?'} | ${minutes} |\n`);
}
if (files.length === 0) process.stderr.write(`no <run>.compare.json under ${dir}\n`);
