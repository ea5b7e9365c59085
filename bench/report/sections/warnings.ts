import { judgeHealth } from '../../load/health.ts';
import { BUSY_WAIT_SHARE, waitShares } from '../../load/machine-busy.ts';
import { FOREIGN_MIN_SHARE } from '../../load/stall.ts';

/** Busy points named one by one, at most: past that the count says enough. */
const BUSY_LISTED = 12;
import type { RunRecord } from '../../results/run-record.ts';
import { findScenario } from '../../scenarios/registry.ts';

/**
 * Everything that makes a figure less than it seems: a load generator that was the limit, messages
 * lost or duplicated, points that failed. Never silent: each point is named with its reason.
 */
export function warningsSection(run: RunRecord): string[] {
  const warnings: string[] = [];
  const busy: string[] = [];
  const grouped = new Map<string, { title: string; detail: string; scenario: string; transport: string; trials: number[]; values: string[] }>();
  for (const p of run.points) {
    const where = `${p.scenario} / ${p.transport} (trial ${p.trial})`;
    if (p.status === 'failed') {
      warnings.push(`- **failed**: ${where} (reason under Failures).`);
      continue;
    }
    const expects = findScenario(p.scenario)?.expects ?? {};
    const health = judgeHealth(p.job, p.result);
    if (health.saturated && !expects.busyLoad) {
      warnings.push(`- **load generator was the limit**: ${where}: ${health.reasons.join('; ')}. Its latency figures are the load process's as much as the transport's.`);
    }
    const waits = waitShares(p.result.health, p.marks);
    if (waits.othersRan && ((waits.load ?? 0) >= BUSY_WAIT_SHARE || (waits.server ?? 0) >= BUSY_WAIT_SHARE)) {
      const pct = (v: number | undefined) => (v === undefined ? '?' : `${Math.round(v * 100)}%`);
      busy.push(`${p.scenario} / ${p.transport} (trial ${p.trial}; load ${pct(waits.load)}, server ${pct(waits.server)})`);
    }
    // the scenario's own warnings were derived with the point's figures, when it was measured
    for (const w of p.warnings) {
      const key = [w.title, p.scenario, p.transport, w.detail].join('\u0000');
      const group = grouped.get(key) ?? { ...w, scenario: p.scenario, transport: p.transport, trials: [], values: [] };
      group.trials.push(p.trial);
      group.values.push(w.value);
      grouped.set(key, group);
    }
    const d = p.result.delivery;
    if (d && ((d.lost > 0 && !expects.loss) || d.duplicated > 0 || d.reordered > 0)) {
      warnings.push(`- **delivery**: ${where}: ${d.lost} lost, ${d.duplicated} duplicated, ${d.reordered} reordered of ${d.sent} sent.`);
    }
  }
  // one line per transport for what every trial says alike, not one per trial
  for (const g of grouped.values()) {
    const trials = g.trials.length === 1 ? `trial ${g.trials[0]}` : `trials ${g.trials.join(', ')}`;
    // a warning with no figure of its own (wire bytes a runtime did not count) is its sentence alone
    const values = g.values.filter((v) => v !== '');
    warnings.push(`- **${g.title}**: ${g.scenario} / ${g.transport} (${trials}): ${values.length ? `${values.join(', ')} ` : ''}${g.detail}`);
  }
  if (busy.length > 0) {
    const listed = busy.slice(0, BUSY_LISTED).join(', ') + (busy.length > BUSY_LISTED ? `, and ${busy.length - BUSY_LISTED} more` : '');
    warnings.push(
      `- **the machine was busy** in ${busy.length} of ${run.points.length} points: the load process or the server waited for a core ` +
        `for ${Math.round(BUSY_WAIT_SHARE * 100)}% of the window or more while other processes used ${Math.round(FOREIGN_MIN_SHARE * 100)}% of a core or more (other work had the cores), so their timings are the machine's as much as the transport's: ${listed}.`,
    );
  }
  for (const c of run.calibration ?? []) {
    if ('error' in c) warnings.push(`- **calibration failed** (trial ${c.trial}): ${c.error}`);
  }
  if (warnings.length === 0) return [];
  return ['## Warnings', '', ...warnings, ''];
}
