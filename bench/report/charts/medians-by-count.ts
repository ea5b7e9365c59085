import { median } from '../format.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';

/** One bar's data: a transport at one connection count (receivers, room size), median over trials. */
export interface CountMedian {
  transport: string;
  connections: number;
  value: number | null;
}

/** A scenario's metric per transport and connection count, the median over trials: what grouped bars draw. */
export function mediansByCount(rows: readonly SummaryRow[], scenario: string, metric: string): CountMedian[] {
  const groups = new Map<string, { transport: string; connections: number; values: number[] }>();
  for (const r of rows) {
    if (r.scenario !== scenario || r.metric !== metric) continue;
    const key = `${r.transport}\u0000${r.connections}`;
    const group = groups.get(key) ?? { transport: r.transport, connections: r.connections, values: [] };
    group.values.push(r.value);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({ transport: g.transport, connections: g.connections, value: median(g.values) ?? null }));
}
