import { readable } from '../../report/format.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import { RowLookup, scenarioRows } from '../../report/row-lookup.ts';
import type { ScenarioReport } from '../../report/scenario-report.ts';
import { findTransport } from '../../../transports/registry.ts';
import type { MicroSizes } from './scenario.ts';

/** The micro benchmarks: each transport's own framing and parsing of one message, ns/op ± margin of error. */
function microSection(rows: readonly SummaryRow[], transports: readonly string[]): string[] {
  const own = scenarioRows(rows, 'micro');
  const t = new RowLookup(own);
  const operations = t.metrics('').filter((m) => m.endsWith('_ns')).map((m) => m.slice(0, -3));
  if (operations.length === 0) return [];
  const size = own[0]?.payloadBytes;
  const lines = [
    '## CPU per message: framing and parsing (tinybench)',
    '',
    `One ${size} B message framed or parsed by each transport's own code, nothing else (its descriptor's micro cases,`,
    'transports/micro/), in the load process while the point\'s server sat idle. Mean ns per operation ± its relative',
    `margin of error (95%), median across trials.${sharing(transports)}`,
    '',
    '| transport | operation | ns/op | ± % |',
    '|---|---|--:|--:|',
  ];
  for (const transport of t.transports) {
    for (const op of operations) {
      const ns = t.get(transport, `${op}_ns`);
      if (ns !== undefined) lines.push(`| ${transport} | ${op} | ${readable(ns)} | ${readable(t.get(transport, `${op}_rme_pct`))} |`);
    }
  }
  return [...lines, ''];
}

/** The transports of the run without cases of their own: they frame and parse with another's code. */
function sharing(transports: readonly string[]): string {
  const without = transports.filter((name) => findTransport(name)?.micro === undefined);
  return without.length === 0 ? '' : ` ${without.map((t) => `\`${t}\``).join(', ')} share${without.length === 1 ? 's' : ''} another transport's framing and ${without.length === 1 ? 'has' : 'have'} no rows.`;
}

export const microReport: ScenarioReport<MicroSizes> = {
  section: ({ rows, run }) => microSection(rows, run.config.transports),
};
