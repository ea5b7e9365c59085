import { SATURATED_CPU_SHARE } from '../../load/health.ts';
import { FOREIGN_MIN_SHARE, STALL_RETRIES, STALL_WAIT_SHARE, STEAL_MIN_US } from '../../load/stall.ts';
import { FigureTable } from '../../report/figure-table.ts';
import { readable } from '../../report/format.ts';
import type { ReportContext, ScenarioReport } from '../../report/scenario-report.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import { WARMUP_WINDOW, type BroadcastSizes } from './sizes.ts';

const capacityRows = (rows: readonly SummaryRow[]) => rows.filter((r) => r.scenario === 'broadcast' && r.ratePerS === undefined);

const stalledIn = (t: FigureTable, transport: string) => (t.median(transport, 'limit_machine_stalled') ?? 0) > 0;

/**
 * Why no rate passed, from the search's lowest step: the last member's p99 there against the bound, or
 * the broadcasts lost there. A search that finds nothing still says what it saw.
 */
function noRateWhy(steps: readonly SummaryRow[], transport: string, boundUs: number): string {
  const mine = steps.filter((r) => r.transport === transport && r.ratePerS !== undefined);
  const lowest = Math.min(...mine.map((r) => r.ratePerS ?? Infinity));
  if (!Number.isFinite(lowest)) return '';
  const at = (metric: string) => mine.find((r) => r.ratePerS === lowest && r.metric === metric)?.value;
  const p99 = at('step_last_p99');
  const lost = at('step_lost') ?? 0;
  const why = [
    ...(p99 !== undefined && p99 > boundUs ? [`the last member's p99 was ${readable(p99 / 1000)} ms`] : []),
    ...(lost > 0 ? [`${readable(lost)} deliveries were lost`] : []),
  ];
  return why.length === 0 ? '' : ` (at ${readable(lowest)} a second, the lowest rate tried, ${why.join(' and ')})`;
}

function limitedBy(t: FigureTable, transport: string, steps: readonly SummaryRow[] = [], boundUs = 10_000): string {
  if (stalledIn(t, transport)) {
    const found = (t.median(transport, 'max_broadcasts_per_s') ?? 0) > 0;
    return `**the machine** ⚠ (it stalled the load process or the server: ${found ? 'a lower bound' : "can't tell"})`;
  }
  if ((t.median(transport, 'max_broadcasts_per_s') ?? 0) === 0) return `no rate met the bound${noRateWhy(steps, transport, boundUs)}`;
  if (t.median(transport, 'capacity_bracket_high_per_s') === undefined) return 'not reached within the steps';
  if ((t.median(transport, 'max_limited_by_load') ?? 0) > 0) return '**load process** ⚠ (a lower bound)';
  if ((t.median(transport, 'limit_server_cpu_pct') ?? 0) >= SATURATED_CPU_SHARE * 100) {
    return (t.median(transport, 'limit_load_cpu_pct') ?? 0) >= SATURATED_CPU_SHARE * 100 ? 'server CPU (the load process at its core too)' : 'server CPU';
  }
  return 'latency (neither process saturated)';
}

function section({ rows, sizes, run }: ReportContext<BroadcastSizes>): string[] {
  const mine = capacityRows(rows);
  if (mine.length === 0) return [];
  const bound = run.config.p99BoundUs ?? 10_000;
  // the rooms are on the capacity rows; the point's health rows carry the job's connection count
  const rooms = [...new Set(mine.filter((r) => r.metric === 'max_broadcasts_per_s' || r.metric === 'limit_machine_stalled').map((r) => r.connections))].sort((a, b) => a - b);
  const lines = [
    '## Broadcast: the chat room\'s capacity',
    '',
    `One member broadcasts ${run.config.payloadBytes} B messages on a fixed schedule to everyone in the room, itself included. ` +
      (sizes.warmupBroadcasts === undefined
        ? `The rate starts at ${readable(sizes.startRate)} a second`
        : `Each search begins with a discarded closed-loop warm-up (${readable(sizes.warmupBroadcasts)} broadcasts, ${WARMUP_WINDOW} in flight, each sent once every member had ` +
          `one, ${readable(sizes.warmupS)} s at most); the rate starts at half what it reached (at least ${readable(sizes.startRate)} a second)`) +
      ` and doubles every ${sizes.stepS} s step until one fails, then is bisected to within ${readable(sizes.resolution * 100)}%. ` +
      `A step passes when every member got every broadcast and the latency to the last member stayed under ${readable(bound / 1000)} ms at p99 ` +
      '(timed from the send time in the message, on the clock every process of the host shares). All members are in one load process: ' +
      'where it was the limit, the capacity is a lower bound. A step that failed while the load process or the server waited for a core ' +
      `for ${readable(STALL_WAIT_SHARE * 100)}% of it or more while other processes used ${readable(FOREIGN_MIN_SHARE * 100)}% of a core or more ` +
      `(other work had the cores), or while the hypervisor took a CPU away for ${readable(STEAL_MIN_US / 1000)} ms or more, is run again, up to ${STALL_RETRIES} times, and ends the search if it stalls every time.`,
    '',
  ];
  for (const room of rooms) {
    const t = new FigureTable(mine.filter((r) => r.connections === room), 'broadcast');
    const steps = rows.filter((r) => r.scenario === 'broadcast' && r.connections === room && r.ratePerS !== undefined);
    lines.push(
      `### Room of ${readable(room)}`,
      '',
      '| transport | broadcasts / s | deliveries / s | bracket (offered) | limited by | server CPU at failure | load CPU at failure |',
      '|---|--:|--:|--:|---|--:|--:|',
      ...t.ranked('max_broadcasts_per_s').reverse().map(({ transport, value }) => {
        const m = (metric: string) => t.median(transport, metric);
        const pct = (v: number | undefined) => (v === undefined ? '–' : `${readable(v)}%`);
        const high = m('capacity_bracket_high_per_s');
        return (
          `| ${transport} | ${readable(value)} | ${readable(m('max_deliveries_per_s'))} | ${readable(m('capacity_bracket_low_per_s'))}–${high === undefined ? '?' : readable(high)} | ` +
          `${limitedBy(t, transport, steps, bound)} | ${pct(m('limit_server_cpu_pct'))} | ${pct(m('limit_load_cpu_pct'))} |`
        );
      }),
      ...t.transports.filter((x) => stalledIn(t, x) && t.median(x, 'max_broadcasts_per_s') === undefined).map((x) => `| ${x} | can't tell | – | – | ${limitedBy(t, x)} | – | – |`),
      '',
    );
  }
  return lines;
}

export const broadcastReport: ScenarioReport<BroadcastSizes> = {
  section,
  // its rows' connections are the room's size
  variantFigures: [{ metric: 'max_broadcasts_per_s', label: 'broadcasts a second to the whole room within the p99 bound', higherIsBetter: true, byConnections: true }],
};
