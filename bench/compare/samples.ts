import type { SummaryRow } from '../results/summary-csv.ts';
import type { Figure } from '../results/figure.ts';
import type { RunRecord } from '../results/run-record.ts';

/** What identifies one measured point across two runs: everything in a summary row but trial and value. */
export interface PointKey {
  scenario: string;
  transport: string;
  client: string;
  payloadBytes: number;
  connections: number;
  /** undefined for closed-loop points */
  ratePerS?: number;
}

/** One side of a comparison: its per-trial figures and where they came from. */
export interface Side {
  runId: string;
  commit: string;
  rows: SummaryRow[];
  /** the run record the figures came from, when it could be read (for what each side's environment held) */
  run?: RunRecord;
}

/** Every trial's value of one metric of one point, on each side. */
export interface MetricSamples {
  point: PointKey;
  metric: string;
  unit: Figure['unit'];
  base: number[];
  head: number[];
}

function pointId(r: PointKey): string {
  return [r.scenario, r.transport, r.client, r.payloadBytes, r.connections, r.ratePerS ?? ''].join('\u0000');
}

/**
 * Pairs the figures of two runs by point and metric, in the order they first appear (base first).
 * A failed trial has a single `failed` row; every other trial of the point counts as `failed` = 0, so
 * that a point failing in head but never in base shows up as a count going up from zero.
 */
export function pairSamples(base: readonly SummaryRow[], head: readonly SummaryRow[]): MetricSamples[] {
  const pairs = new Map<string, MetricSamples>();
  const trials = new Map<string, { base: Set<number>; head: Set<number> }>();
  const add = (side: 'base' | 'head', rows: readonly SummaryRow[]) => {
    for (const r of rows) {
      const point: PointKey = {
        scenario: r.scenario,
        transport: r.transport,
        client: r.client,
        payloadBytes: r.payloadBytes,
        connections: r.connections,
        ...(r.ratePerS === undefined ? {} : { ratePerS: r.ratePerS }),
      };
      const id = pointId(point);
      const seen = trials.get(id) ?? { base: new Set<number>(), head: new Set<number>() };
      seen[side].add(r.trial);
      trials.set(id, seen);
      const key = `${id}\u0000${r.metric}`;
      const pair = pairs.get(key) ?? { point, metric: r.metric, unit: r.unit, base: [], head: [] };
      pair[side].push(r.value);
      pairs.set(key, pair);
    }
  };
  add('base', base);
  add('head', head);
  for (const [id, seen] of trials) {
    const key = `${id}\u0000failed`;
    const pair = pairs.get(key);
    if (!pair) continue;
    pair.base.push(...new Array<number>(Math.max(0, seen.base.size - pair.base.length)).fill(0));
    pair.head.push(...new Array<number>(Math.max(0, seen.head.size - pair.head.length)).fill(0));
  }
  return [...pairs.values()];
}

export function pointLabel(p: PointKey): string {
  const rate = p.ratePerS === undefined ? '' : ` @${p.ratePerS}/s`;
  const client = p.client === 'node' ? '' : ` (${p.client})`;
  return `${p.scenario} ${p.transport}${client} ${p.payloadBytes} B ×${p.connections}${rate}`;
}
