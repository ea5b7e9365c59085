import { FigureTable } from '../../report/figure-table.ts';
import { chartEmbed } from '../../report/charts/chart.ts';
import { throughputChart } from './chart.ts';
import { readable } from '../../report/format.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import type { ScenarioReport } from '../../report/scenario-report.ts';
import type { ThroughputSizes } from './sizes.ts';
import { withCi } from '../../report/cells.ts';

/** The highest offered echo rate each transport sustained within the p99 bound, per payload size. */
function throughputSection(rows: readonly SummaryRow[], plan: ThroughputSizes, connections: number): string[] {
  const mine = rows.filter((r) => r.scenario === 'throughput' && r.ratePerS === undefined);
  if (mine.length === 0) return [];
  const sizes = [...new Set(mine.map((r) => r.payloadBytes))].sort((a, b) => a - b);
  const tables = sizes.map((size) => new FigureTable(mine.filter((r) => r.payloadBytes === size), 'throughput'));
  const transports = tables[0]?.ranked('max_msgs_per_s').reverse().map((e) => e.transport) ?? [];
  const cell = (t: FigureTable | undefined, transport: string) => {
    if (!t) return '–';
    const limited = (t.median(transport, 'max_limited_by_load') ?? 0) > 0;
    const value = withCi(t, transport, 'max_msgs_per_s');
    if (limited) return `≥ ${value} ⚠`;
    // it passed every step: the profile's ceiling, not the transport's, ended the search
    return t.median(transport, 'max_msgs_per_s') === plan.maxRate ? `≥ ${value} (ceiling)` : value;
  };
  return [
    '## Throughput: the most echoes per second within the latency bound',
    '',
    `Open-loop echo over ${connections} connection(s); the offered rate starts at ${readable(plan.startRate)} msg/s and doubles every ` +
      `${plan.stepS} s step up to ${readable(plan.maxRate)}. A step passes when at least 99% of what it offered came back ` +
      `within a second of its end and its p99 (timed from the scheduled send) stayed under ${readable(plan.p99BoundUs / 1000)} ms. ` +
      'The figure is the last rate that passed; ⚠ marks a search stopped because the load process fell behind ' +
      'its own schedule, so the transport may sustain more (a lower bound); "ceiling" marks one that passed every step.',
    '',
    `| transport | ${sizes.map((s) => `${readable(s)} B msg/s`).join(' | ')} |`,
    `|---|${sizes.map(() => '--:').join('|')}|`,
    ...transports.map((transport) => `| ${transport} | ${tables.map((t) => cell(t, transport)).join(' | ')} |`),
    '',
    ...retriedSteps(rows.filter((r) => r.scenario === 'throughput'), plan.p99BoundUs),
    ...chartEmbed(throughputChart, rows),
  ];
}

/** Steps run a second time because the first failed in its tail alone; both attempts are told. */
function retriedSteps(rows: readonly SummaryRow[], bound: number): string[] {
  const firsts = rows.filter((r) => r.metric === 'step_first_rtt_p99');
  if (firsts.length === 0) return [];
  const value = (like: SummaryRow, metric: string) =>
    rows.find((r) => r.metric === metric && r.transport === like.transport && r.trial === like.trial && r.payloadBytes === like.payloadBytes && r.ratePerS === like.ratePerS)?.value;
  const ms = (us: number | undefined) => (us === undefined ? '–' : `${readable(us / 1000)} ms`);
  const lines = firsts.map((f) => {
    const where = `${f.transport} at ${readable(f.ratePerS ?? 0)} msg/s, ${readable(f.payloadBytes)} B (trial ${f.trial})`;
    const late = value(f, 'step_first_late_sends') ?? 0;
    const first = `p99 ${ms(f.value)} (${readable(late)} send${late === 1 ? '' : 's'} over 2 ms late)`;
    return `- ${where}: first ${first}, then ${ms(value(f, 'step_rtt_p99'))} (${readable(value(f, 'step_late_sends') ?? 0)} late).`;
  });
  return [
    `A step that failed only in its tail (it kept up, and 90% of its echoes came back within ${readable(bound / 1000)} ms, as after one ` +
      'stall of the machine) was run once more, and the second attempt decided it:',
    '',
    ...lines,
    '',
  ];
}

export const throughputReport: ScenarioReport<ThroughputSizes> = {
  section: ({ rows, sizes, run }) => throughputSection(rows, sizes, run.config.connections),
  charts: [throughputChart],
};
