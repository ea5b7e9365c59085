import { FigureTable } from '../../report/figure-table.ts';
import { chartEmbed } from '../../report/charts/chart.ts';
import { churnGapChart } from './chart.ts';
import { readable } from '../../report/format.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import type { ScenarioReport } from '../../report/scenario-report.ts';
import { findTransport } from '../../../transports/registry.ts';
import { SETTLE_MS } from './timing.ts';

/** What a transport recovered, read from its figures rather than assumed from its name. */
function recovery(t: FigureTable, transport: string): string {
  const dropped = t.median(transport, 'churn_dropped') ?? 0;
  const unsupported = t.median(transport, 'churn_drop_unsupported') ?? 0;
  if (unsupported > 0) return 'not supported (the client cannot drop a connection)';
  const back = t.median(transport, 'churn_reconnected') ?? 0;
  if (dropped === 0) return '–';
  if (back === 0) return 'none: dropped connections stay down';
  const gap = t.median(transport, 'churn_gap_msgs') ?? 0;
  const recovered = t.median(transport, 'churn_recovered') ?? 0;
  if (gap > 0 && recovered >= gap) return 'reconnects, and every message of the gap arrives';
  if (gap > 0 && recovered / gap >= 0.5) return 'reconnects; most of the gap arrives';
  return 'reconnects; the gap is lost';
}

/** Churn: dropping connections under a broadcast load, and what each transport's recovery gives back. */
function churnSection(rows: readonly SummaryRow[]): string[] {
  const t = new FigureTable(rows, 'churn');
  if (t.transports.length === 0) return [];
  const first = rows.find((r) => r.scenario === 'churn');
  const lines = [
    '## Churn: abrupt drops under a broadcast',
    '',
    `${first?.connections ?? '?'} connections receive ${readable(first?.ratePerS)} broadcasts a second; once, a share of them is dropped`,
    '(sockets destroyed, no close handshake) and each transport recovers as it does by default:',
    '',
    ...t.transports.map((x) => `- \`${x}\`: ${findTransport(x)?.recovery ?? 'unknown'}.`),
    '',
    '**Reconnect** is from the drop to the connection',
    'being usable again (for the polling transports: its first answered poll). The **gap** is every message after',
    'the last one a dropped connection received, up to the first sent after it was back; recovered ones arrived anyway.',
    `The broadcast ends ${readable(SETTLE_MS / 1000)} s after the last dropped connection is back, or at the end of its window if one never is.`,
    '',
    '| transport | recovery | reconnect p50 ms | p99 ms | dropped | back | gap msgs | recovered | lost in gap | lost on kept connections | duplicated |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  const ranked = t.transports
    .map((transport) => ({ transport, lost: t.median(transport, 'churn_lost_in_gap') ?? Infinity }))
    .sort((a, b) => a.lost - b.lost);
  for (const { transport } of ranked) {
    const m = (metric: string) => readable(t.median(transport, metric));
    const ms = (metric: string) => readable((t.median(transport, metric) ?? NaN) / 1000);
    lines.push(
      `| ${transport} | ${recovery(t, transport)} | ${ms('reconnect_p50')} | ${ms('reconnect_p99')} | ${m('churn_dropped')} | ` +
        `${m('churn_reconnected')} | ${m('churn_gap_msgs')} | ${m('churn_recovered')} | ${m('churn_lost_in_gap')} | ` +
        `${m('churn_kept_lost')} | ${m('duplicated')} |`,
    );
  }
  return [...lines, '', ...chartEmbed(churnGapChart, rows)];
}

export const churnReport: ScenarioReport = {
  section: ({ rows }) => churnSection(rows),
  charts: [churnGapChart],
  variantFigures: [
    { metric: 'churn_lost_in_gap', label: 'broadcasts lost in the gap of a drop' },
    { metric: 'reconnect_p50', label: 'drop to usable again p50, µs' },
  ],
};
