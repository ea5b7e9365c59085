import { readable } from '../format.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import { RowLookup, scenarioRows } from './wire-rows.ts';

/** The micro benchmarks: each transport's own framing and parsing of one message, ns/op ± margin of error. */
export function microSection(rows: readonly SummaryRow[]): string[] {
  const own = scenarioRows(rows, 'micro');
  const t = new RowLookup(own);
  const operations = t.metrics('').filter((m) => m.endsWith('_ns')).map((m) => m.slice(0, -3));
  if (operations.length === 0) return [];
  const size = own[0]?.payloadBytes;
  const lines = [
    '## CPU per message: framing and parsing (tinybench)',
    '',
    `One ${size} B message framed or parsed by each transport's own code, nothing else (bench/micro/), in the load`,
    'process while the point\'s server sat idle. Mean ns per operation ± its relative margin of error (95%), median',
    'across trials. `polling` and `socketio-polling` share `longpoll`\'s and `socketio`\'s code and have no rows.',
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
