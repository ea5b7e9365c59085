import type { FigureTable } from './figure-table.ts';
import { readable } from './format.ts';

/** The floor every ratio in the report is taken over: raw TCP, measured in the same run. */
export const FLOOR = 'tcp';

/** A median across trials, with its 95% interval when there was more than one trial. */
export function withCi(t: FigureTable, transport: string, metric: string): string {
  const ci = t.ci(transport, metric);
  if (!ci) return '–';
  const spread = t.values(transport, metric).length > 1 && ci.high > ci.low ? ` (${readable(ci.low)}–${readable(ci.high)})` : '';
  return `${readable(ci.median)}${spread}`;
}

/** A transport's median over another's (by default the floor's), with its 95% bootstrap interval. */
export function ratioWithCi(t: FigureTable, transport: string, metric: string, base = FLOOR): string {
  const r = t.ratioCi(transport, base, metric);
  if (!r) return '–';
  const spread = Number.isFinite(r.low) && r.high > r.low ? ` (${r.low.toFixed(2)}–${r.high.toFixed(2)})` : '';
  return `${r.ratio.toFixed(2)}×${spread}`;
}
