import { LATE_SEND_US, SATURATED_CPU_SHARE } from '../../load/health.ts';
import { FLOOR } from '../../report/cells.ts';
import { chartEmbed } from '../../report/charts/chart.ts';
import { FigureTable } from '../../report/figure-table.ts';
import { readable } from '../../report/format.ts';
import type { ReportContext, ScenarioReport } from '../../report/scenario-report.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import { capacityChart, throughputChart } from './chart.ts';
import { KEPT_UP_SHARE } from './load.ts';
import { FOREIGN_MIN_SHARE, STALL_RETRIES, STALL_WAIT_SHARE, STEAL_MIN_US } from '../../load/stall.ts';
import { WARMUP_WINDOW, type ThroughputSizes } from './sizes.ts';
import { throughputSummary } from './summary.ts';
import { measuredPoints } from '../../results/run-record.ts';
import type { ThroughputData } from './result.ts';

/** The capacity rows of one search (payload size and connection count): one per transport and trial. */
/** How a search began: runs before the closed-loop warm-up (no warmupEchoes in their sizes) started at a fixed rate. */
function startSentence(sizes: ThroughputSizes): string {
  if (sizes.warmupEchoes === undefined) return `It starts at ${readable(sizes.startRate)} msg/s`;
  return (
    `Each search begins with a discarded closed-loop warm-up (${readable(sizes.warmupEchoes)} echoes, ${WARMUP_WINDOW} in flight per connection, ` +
    `${readable(sizes.warmupS)} s at most), so that no step pays for JIT compilation or heap growth. It starts at half the echo rate that warm-up ` +
    `reached (at least ${readable(sizes.startRate)} msg/s)`
  );
}

const capacityRows = (rows: readonly SummaryRow[]) => rows.filter((r) => r.scenario === 'throughput' && r.ratePerS === undefined);

/** Who set the limit, read from the figures at the lowest failing step above it. */
function limitedBy(t: FigureTable, transport: string): string {
  if (stalledIn(t, transport)) {
    return (t.median(transport, 'max_msgs_per_s') ?? 0) > 0 ? `${MACHINE}: a lower bound)` : `${MACHINE}: can't tell)`;
  }
  if ((t.median(transport, 'max_msgs_per_s') ?? 0) === 0) return 'no rate met the bound';
  if (t.median(transport, 'capacity_bracket_high_per_s') === undefined) return 'not reached within the steps';
  if ((t.median(transport, 'max_limited_by_load') ?? 0) > 0) return '**load process** ⚠ (a lower bound)';
  const server = t.median(transport, 'limit_server_cpu_pct') ?? 0;
  const load = t.median(transport, 'limit_load_cpu_pct') ?? 0;
  if (server >= SATURATED_CPU_SHARE * 100) return load >= SATURATED_CPU_SHARE * 100 ? 'server CPU (the load process at its core too)' : 'server CPU';
  return 'latency (neither process saturated)';
}

const MACHINE = '**the machine** ⚠ (it stalled the load process or the server';
/** Whether the machine ended this transport's search (load/stall.ts): its limit is not the transport's. */
const stalledIn = (t: FigureTable, transport: string) => (t.median(transport, 'limit_machine_stalled') ?? 0) > 0;
/** Transports whose search the machine ended before any step passed: no limit to rank. */
const unknown = (t: FigureTable) => t.transports.filter((x) => stalledIn(t, x) && t.median(x, 'max_msgs_per_s') === undefined);

/** Why the machine stalled these searches: the hypervisor's steal where their last step saw it (20 ms or more), else other work. */
function stallCause(t: FigureTable, stalled: readonly string[]): string {
  const stealUs = stalled.map((x) => t.median(x, 'limit_stall_steal_us') ?? 0);
  const stole = stealUs.filter((us) => us >= STEAL_MIN_US).length;
  const most = `${readable(Math.max(...stealUs) / 1000)} ms a step`;
  if (stole === stalled.length) return `the hypervisor took a CPU away for up to ${most} (steal)`;
  if (stole === 0) return 'other work had the cores';
  return `other work had the cores, or the hypervisor took a CPU away (steal, up to ${most})`;
}

const pct = (v: number | undefined) => (v === undefined ? '–' : `${readable(v)}%`);

/** Best first; the winner is named only when its bracket lies wholly above the runner-up's. */
function ranking(t: FigureTable): { transport: string; value: number }[] {
  return t.ranked('max_msgs_per_s').reverse();
}

function searchTable(t: FigureTable, title: string): string[] {
  const ranked = ranking(t);
  const floor = t.median(FLOOR, 'max_msgs_per_s');
  return [
    `### ${title}`,
    '',
    '| transport | limit msg/s | bracket (offered) msg/s | ÷ tcp | limited by | server CPU at failure | load CPU at failure | projected per server core * |',
    '|---|--:|--:|--:|---|--:|--:|--:|',
    ...ranked.map(({ transport, value }) => {
      const m = (metric: string) => t.median(transport, metric);
      const high = m('capacity_bracket_high_per_s');
      const bracket = `${readable(m('capacity_bracket_low_per_s'))}–${high === undefined ? '?' : readable(high)}`;
      return (
        `| ${transport} | ${readable(value)} | ${bracket} | ${floor ? `${(value / floor).toFixed(2)}×` : '–'} | ${limitedBy(t, transport)} | ` +
        `${pct(m('limit_server_cpu_pct'))} | ${pct(m('limit_load_cpu_pct'))} | ${readable(m('projected_msgs_per_s_per_core'))} |`
      );
    }),
    ...unknown(t).map((transport) => `| ${transport} | can't tell | – | – | ${limitedBy(t, transport)} | – | – | – |`),
    ...t.transports
      .filter((x) => t.median(x, 'max_msgs_per_s') === undefined && !unknown(t).includes(x))
      .map((transport) => {
        const why = (t.median(transport, 'search_not_run') ?? 0) > 0 ? "not run: one process's open files cannot hold these connections (the point's warning has the arithmetic)" : 'the search failed (the point\'s warning says why)';
        return `| ${transport} | – | – | – | ${why} | – | – | – |`;
      }),
    '',
  ];
}

/** Each search's table: one per payload size and connection count. */
function searches(rows: readonly SummaryRow[]): { title: string; t: FigureTable; connections: number; payloadBytes: number }[] {
  const mine = capacityRows(rows);
  const keys = [...new Set(mine.map((r) => `${r.payloadBytes}\u0000${r.connections}`))];
  return keys
    .map((key) => key.split('\u0000').map(Number) as [number, number])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map(([payloadBytes, connections]) => ({
      payloadBytes,
      connections,
      title: `${readable(connections)} connection${connections === 1 ? '' : 's'}, ${readable(payloadBytes)} B`,
      t: new FigureTable(mine.filter((r) => r.payloadBytes === payloadBytes && r.connections === connections), 'throughput'),
    }));
}

/** Which transports' load was not their users' client, and why (their descriptors' loadClient), as each point recorded it. */
function loadClientSentence(run: ReportContext<ThroughputSizes>['run']): string {
  const lean = [
    ...new Set(measuredPoints(run).flatMap((p) => (p.scenario === 'throughput' && (p.result.data as ThroughputData).loadClient ? [p.transport] : []))),
  ];
  if (lean.length === 0) return '';
  return (
    ` The load is each transport's own Node client but for ${lean.map((t) => `\`${t}\``).join(', ')}, whose load speaks its protocol straight on \`ws\` ` +
    "(its descriptor's `loadClient`): its own client costs about what its server does per message, so one load process could not out-run the server."
  );
}

function throughputSection({ rows, sizes, run }: ReportContext<ThroughputSizes>): string[] {
  const all = searches(rows);
  if (all.length === 0) return [];
  const bound = run.config.p99BoundUs ?? 10_000;
  return [
    '## Throughput: capacity within the latency bound',
    '',
    `Open-loop echo, the offered rate spread over the search's connections. ${startSentence(sizes)} and doubles every ` +
      `${sizes.stepS} s step until one fails (a failing start goes down to half its rate, or to what it delivered a second when that is lower), ` +
      'then the bracket between the last step that passed and the first that failed is bisected until ' +
      `it is within ${readable(sizes.resolution * 100)}%. A step passes when at least ${readable(KEPT_UP_SHARE * 100)}% of what it offered came back ` +
      `before its drain ended, its p99 (timed from the scheduled send) stayed under ${readable(bound / 1000)} ms (\`--p99-bound\`), and the load ` +
      'process kept its schedule. **Limit** is what the highest passing step delivered per second, measured; the **bracket** is the offered ' +
      'rates of that step and of the lowest failure above it. **Limited by** is read at that failure: the load process when it fell ' +
      `behind its schedule or used ${readable(SATURATED_CPU_SHARE * 100)}% of its core while the server did not (then the limit is the load's, a lower bound for the ` +
      `server), the server's CPU when it used ${readable(SATURATED_CPU_SHARE * 100)}% of its core (whatever the load did: it could not have carried more), otherwise the latency bound itself. ` +
      `A step that failed while the load process or the server waited for a core (runnable, not running, as Linux's schedstat counts it) ` +
      `for ${readable(STALL_WAIT_SHARE * 100)}% of the step or more while other processes used ${readable(FOREIGN_MIN_SHARE * 100)}% of a core or more ` +
      '(other work had the cores: the two waiting for each other is the limit of this box, not a stall), or while the hypervisor took a CPU away (steal) for ' +
      `${readable(STEAL_MIN_US / 1000)} ms or more, is the machine's, not the transport's, and is run again, up to ` +
      `${STALL_RETRIES} times; if it stalls every time the search ends there and says so, as **the machine**: what it found is a lower bound, or nothing. ` +
      '\\* **Projected per server core** is 1 s over the server\'s CPU time per message at the highest passing rate: a projection, not a measurement.' +
      loadClientSentence(run),
    '',
    ...all.flatMap(({ t, title }) => searchTable(t, title)),
    ...retriedSteps(rows.filter((r) => r.scenario === 'throughput'), bound),
    ...chartEmbed(capacityChart, rows),
    ...chartEmbed(throughputChart, rows),
  ];
}

/** Whether the load process set this transport's limit: its figure is a lower bound, and its bracket has no top. */
const loadLimited = (t: FigureTable, transport: string) => (t.median(transport, 'max_limited_by_load') ?? 0) > 0;

/**
 * The capacity verdict of each connection count at the smallest payload: a winner only where the brackets
 * part. A limit the load process set is a lower bound: it can name a winner only when it clears the other's
 * bracket by more than the search's resolution (near the load's own ceiling the gap may be the load's), and
 * it can never be the one beaten, for its top is not known.
 */
function throughputVerdict({ rows, sizes }: ReportContext<ThroughputSizes>): string[] {
  const all = searches(rows);
  const smallest = Math.min(...all.map((s) => s.payloadBytes));
  return all
    .filter((s) => s.payloadBytes === smallest)
    .flatMap(({ t, connections }) => {
      const ranked = ranking(t).filter((e) => e.transport !== FLOOR && e.value > 0);
      const [best, next] = ranked;
      const where = `at ${readable(connections)} connection${connections === 1 ? '' : 's'}`;
      const stalled = t.transports.filter((x) => x !== FLOOR && stalledIn(t, x));
      // a search the machine cut short may hide a higher limit: no winner can be named over it
      if (stalled.length > 0) {
        return [`- Echo capacity ${where}: can't tell. The machine stalled the load process or the server in the search of ${stalled.map((x) => `**${x}**`).join(', ')} (${stallCause(t, stalled)}), so their limits are unknown or lower bounds.`];
      }
      if (!best) return [];
      const bestLimited = loadLimited(t, best.transport);
      const atLeast = bestLimited ? '≥ ' : '';
      const lower = bestLimited ? ' (the load process was the limit: a lower bound)' : '';
      if (!next) return [`- Highest echo capacity ${where}: **${best.transport}**, ${atLeast}${readable(best.value)} msg/s${lower}.`];
      const low = t.median(best.transport, 'capacity_bracket_low_per_s') ?? 0;
      const nextHigh = loadLimited(t, next.transport) ? Infinity : (t.median(next.transport, 'capacity_bracket_high_per_s') ?? Infinity);
      const margin = bestLimited ? 1 + sizes.resolution : 1;
      if (low > nextHigh * margin) {
        return [`- Highest echo capacity ${where}: **${best.transport}**, ${atLeast}${readable(best.value)} msg/s, ${atLeast}${(best.value / next.value).toFixed(2)}× **${next.transport}**${lower}.`];
      }
      const limited = [best, next].filter((e) => loadLimited(t, e.transport)).map((e) => `**${e.transport}**`);
      const why = limited.length > 0
        ? `the load process was the limit of ${limited.join(' and ')}, so ${limited.length === 1 ? 'its figure is a lower bound' : 'theirs are lower bounds'} and the gap may be the load's`
        : 'their brackets overlap';
      return [`- Echo capacity ${where}: no clear difference between **${best.transport}** (${atLeast}${readable(best.value)} msg/s) and **${next.transport}** (${loadLimited(t, next.transport) ? '≥ ' : ''}${readable(next.value)}): ${why}.`];
    });
}

/** Steps run a second time because the first failed in its tail alone; both attempts are told. */
function retriedSteps(rows: readonly SummaryRow[], bound: number): string[] {
  const firsts = rows.filter((r) => r.metric === 'step_first_rtt_p99');
  if (firsts.length === 0) return [];
  const value = (like: SummaryRow, metric: string) =>
    rows.find((r) => r.metric === metric && r.transport === like.transport && r.trial === like.trial && r.payloadBytes === like.payloadBytes && r.connections === like.connections && r.ratePerS === like.ratePerS)?.value;
  const ms = (us: number | undefined) => (us === undefined ? '–' : `${readable(us / 1000)} ms`);
  const lines = firsts.map((f) => {
    const where = `${f.transport} at ${readable(f.ratePerS ?? 0)} msg/s, ${readable(f.payloadBytes)} B, ${readable(f.connections)} conn. (trial ${f.trial})`;
    const late = value(f, 'step_first_late_sends') ?? 0;
    const first = `p99 ${ms(f.value)} (${readable(late)} send${late === 1 ? '' : 's'} over ${readable(LATE_SEND_US / 1000)} ms late)`;
    return `- ${where}: first ${first}, then ${ms(value(f, 'step_rtt_p99'))} (${readable(value(f, 'step_late_sends') ?? 0)} late).`;
  });
  return [
    `A step that failed its ${readable(bound / 1000)} ms bound but kept up (its echoes came back, its sends kept their schedule: ` +
      "near the limit one stall of the machine fails a step so), and a search's first step when it failed (a guess from the warm-up, right after it), " +
      'was run once more, and the second attempt decided it; so was the top of the bracket at the end of the search, a pass there reopening ' +
      "the search above it (the machine's speed moves for seconds at a time, longer than a step and its retry):",
    '',
    ...lines,
    '',
  ];
}

export const throughputReport: ScenarioReport<ThroughputSizes> = {
  section: throughputSection,
  verdict: throughputVerdict,
  charts: [capacityChart, throughputChart],
  summary: throughputSummary,
  variantFigures: [{ metric: 'max_msgs_per_s', label: 'echo capacity within the p99 bound, msg/s', higherIsBetter: true, byConnections: true }],
};
