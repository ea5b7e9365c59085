import { readable } from '../report/format.ts';
import { smallestP } from '../stats/index.ts';
import type { Comparison, MetricComparison } from './compare-runs.ts';
import { pointLabel } from './samples.ts';
import type { Verdict } from './verdict.ts';
import { environmentMarkdown } from './environment-diff.ts';

const MARK: Record<Verdict, string> = {
  regression: '🔴 regression',
  unknown: '🟡 unknown',
  improvement: '🟢 improvement',
  same: '⚪ same',
};
/** the order rows are listed in: what needs attention first */
const ORDER: Verdict[] = ['regression', 'unknown', 'improvement', 'same'];

const short = (commit: string) => commit.replace(/^([0-9a-f]{10})[0-9a-f]{30}/, '$1');

function ratioCell(r: MetricComparison): string {
  if (!Number.isFinite(r.ratio)) return '–';
  const ratio = r.ratio.toFixed(3);
  if (r.ratioLow === undefined || r.ratioHigh === undefined) return r.kind === 'exact' ? `${ratio} (exact)` : ratio;
  return `${ratio} (${r.ratioLow.toFixed(3)}–${r.ratioHigh.toFixed(3)})`;
}

function pCell(p: number | undefined): string {
  if (p === undefined || Number.isNaN(p)) return '–';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

const UNIT_LABEL: Record<string, string> = { us: 'µs', count: '' };

function valueCell(side: { n: number; median: number }, unit: string): string {
  if (side.n === 0) return '–';
  const label = UNIT_LABEL[unit] ?? unit;
  return label ? `${readable(side.median)} ${label}` : readable(side.median);
}

function table(rows: readonly MetricComparison[]): string[] {
  return [
    '| point | metric | base | head | head/base (95% CI) | p (Holm) | verdict |',
    '|---|---|--:|--:|--:|--:|---|',
    ...rows.map(
      (r) =>
        `| ${pointLabel(r.point)} | ${r.metric} | ${valueCell(r.base, r.unit)} | ${valueCell(r.head, r.unit)} | ` +
        `${ratioCell(r)} | ${pCell(r.pAdjusted)} | ${MARK[r.verdict]} |`,
    ),
  ];
}

/** A warning when the trials are too few for any rank test to survive Holm's correction. */
function powerNote(c: Comparison): string | undefined {
  const tested = c.rows.filter((r) => r.p !== undefined && !Number.isNaN(r.p));
  if (tested.length === 0) return undefined;
  const n = Math.min(...tested.map((r) => Math.min(r.base.n, r.head.n)));
  const floor = smallestP(n, n);
  if (floor * c.tests < c.options.alpha) return undefined;
  return (
    `> **Too few trials to call anything significant:** with ${n} trials a side the smallest p-value the rank ` +
    `test can give is ${floor.toPrecision(2)}, and Holm over ${c.tests} tests needs the smallest below ` +
    `${(c.options.alpha / c.tests).toPrecision(2)}. Run more rounds or trials.`
  );
}

/** The comparison as markdown for a pull-request comment or $GITHUB_STEP_SUMMARY. */
export function renderMarkdown(c: Comparison): string {
  const sorted = [...c.rows].sort((a, b) => ORDER.indexOf(a.verdict) - ORDER.indexOf(b.verdict));
  // the comment shows what needs a look; unknowns that lean nowhere stay in the full table
  const notable = sorted.filter((r) => r.verdict === 'regression' || r.verdict === 'improvement' || r.suspect);
  const o = c.options;
  const headline = c.regressed ? '🔴 **Regression**' : '✅ **No regression**';
  const lines = [
    '## wirebench: head against base',
    '',
    `${headline}: ${c.counts.regression} regression(s), ${c.counts.unknown} unknown, ` +
      `${c.counts.improvement} improvement(s), ${c.counts.same} same. ` +
      `Base \`${short(c.base.commit)}\` (run ${c.base.runId}), head \`${short(c.head.commit)}\` (run ${c.head.runId}).`,
    '',
  ];
  const note = powerNote(c);
  if (note) lines.push(note, '');
  if (notable.length > 0) lines.push(...table(notable), '');
  else lines.push('Nothing changed beyond the noise.', '');
  if (c.environment) lines.push(...environmentMarkdown(c.environment));
  lines.push(
    `<details><summary>All ${c.rows.length} compared metrics</summary>`,
    '',
    ...table(sorted),
    '',
    '</details>',
    '',
    `Per-trial figures of each side. Timings: two-sided Mann-Whitney U (exact permutation p for small samples), ` +
      `Holm-corrected over ${c.tests} tests at α = ${o.alpha}; ${Math.round(o.confidence * 100)}% bootstrap interval of the ` +
      `ratio of medians (${o.resamples} resamples, seed ${o.seed}); a change must also exceed ${Math.round(o.minEffect * 100)}% ` +
      `to count (or the metric's own, where its scenario sets a larger one). Wire bytes are compared exactly (any increase is a regression); lost, duplicated and failed must stay at zero.`,
    '',
  );
  if (c.rows.some((r) => r.metric.endsWith('_vs_yardstick'))) {
    lines.push(
      '`…_vs_yardstick`: the figure divided by a plain `node:net` ping-pong (no suite code) timed in slices inside the same ' +
        "point's window, which cancels most of the machine's own changes of speed between trials.",
      '',
    );
  }
  return lines.join('\n');
}
