import { TRANSPORTS } from '../../../transports/registry.ts';
import type { TransportDescriptor } from '../../../transports/descriptor.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import { SCENARIOS } from '../../scenarios/registry.ts';
import { readable } from '../format.ts';
import { RowLookup, scenarioRows } from '../row-lookup.ts';

/** The transport a descriptor is set against: its base (a variant), or the one it is a layer of. */
export const baseOf = (t: TransportDescriptor): string | undefined => t.variantOf ?? t.comparedWith;

/** variant ÷ base, or a dash where either is missing or the base is 0 (a count of losses). */
function ratio(variant: number | undefined, base: number | undefined): string {
  if (variant === undefined || base === undefined || !Number.isFinite(variant) || !Number.isFinite(base)) return '—';
  if (base === 0) return variant === 0 ? 'same (0)' : '—';
  return `${(variant / base).toFixed(2)}×`;
}

/**
 * Each variant of this run beside its base from the same run: every figure a scenario names for it
 * (ScenarioReport.variantFigures) that both have, as the two medians across trials and their ratio.
 * Nothing for a variant whose base did not run.
 */
export function variantsSection(rows: readonly SummaryRow[]): string[] {
  const ran = new Set(rows.map((r) => r.transport));
  const pairs = TRANSPORTS.flatMap((t) => {
    const base = baseOf(t);
    return base !== undefined && ran.has(t.name) && ran.has(base) ? [{ t, base }] : [];
  });
  if (pairs.length === 0) return [];
  const figures = SCENARIOS.flatMap((s) => (s.report?.variantFigures ?? []).map((f) => ({ scenario: s.name, ...f, rows: new RowLookup(scenarioRows(rows, s.name)) })));
  const payloads = [...new Set(scenarioRows(rows, 'echo').map((r) => r.payloadBytes))];
  const lines = [
    '## Variants against their base',
    '',
    'Each configuration beside the transport it changes, measured in this run (medians across trials; ratio = variant ÷ base, ' +
      `under 1 is cheaper or faster, except where a figure says higher is better).${payloads.length ? ` Echo messages: ${payloads.map((p) => `${readable(p)} B`).join(', ')}.` : ''}`,
    '',
  ];
  for (const { t, base } of pairs) {
    const table = figures.flatMap((f) => {
      // a capacity is one figure per connection count (or room) and payload size, never a median across them
      const keys = new Map(f.rows.rowsOf(f.metric).map((r) => [`${r.connections}/${r.payloadBytes}`, { connections: r.connections, payloadBytes: r.payloadBytes }]));
      const ats = f.byConnections ? [...keys.values()].sort((x, y) => x.payloadBytes - y.payloadBytes || x.connections - y.connections) : [undefined];
      const sizes = new Set([...keys.values()].map((k) => k.payloadBytes)).size;
      return ats.flatMap((at) => {
        const v = f.rows.get(t.name, f.metric, at ?? {});
        const b = f.rows.get(base, f.metric, at ?? {});
        if (v === undefined || b === undefined) return [];
        const where = at === undefined ? '' : ` at ${readable(at.connections)} conn.${sizes > 1 ? `, ${readable(at.payloadBytes)} B` : ''}`;
        const label = `${f.label}${where}${f.higherIsBetter ? ', higher is better' : ''}`;
        return [`| ${label} (${f.scenario}) | ${readable(b)} | ${readable(v)} | ${ratio(v, b)} |`];
      });
    });
    lines.push(`### \`${t.name}\` against \`${base}\``, '', `${t.description}.`, '');
    if (t.wireNote) lines.push(`On the wire: ${t.wireNote}.`, '');
    if (table.length === 0) {
      lines.push('No figure of this run was measured for both.', '');
      continue;
    }
    lines.push(`| figure | ${base} | ${t.name} | ratio |`, '|---|--:|--:|--:|', ...table, '');
  }
  return lines;
}
