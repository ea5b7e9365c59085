import { FigureTable } from '../../report/figure-table.ts';
import { chartEmbed } from '../../report/charts/chart.ts';
import { idleMemoryChart } from './chart.ts';
import { readable } from '../../report/format.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import type { ScenarioReport } from '../../report/scenario-report.ts';
import { heartbeatsOf, listHeartbeats } from '../../report/heartbeats.ts';
import { IDLE_SIZES, type IdleSizes } from './sizes.ts';

/** What the idle window could and could not see, stated from its own length. */
function windowNote(windowS: number, transports: readonly string[]): string[] {
  const beats = heartbeatsOf(transports);
  const seen = beats.filter((h) => h.seconds <= windowS);
  const unseen = beats.filter((h) => h.seconds > windowS);
  return [
    `Idle bytes were measured over a ${readable(windowS)} s window at the smallest count and scaled to a minute.`,
    seen.length ? `The window is long enough to see ${listHeartbeats(seen)}.` : '',
    unseen.length
      ? `It is **too short to see** ${listHeartbeats(unseen)}: those read 0 here although they cost bytes over a real minute; ` +
        `the \`full\` profile watches ${readable(IDLE_SIZES.full.windowS)} s.`
      : '',
  ].filter(Boolean);
}

/** Idle connections: what one more costs the server in memory, and on the wire per minute. */
function idleSection(rows: readonly SummaryRow[]): string[] {
  const t = new FigureTable(rows, 'idle');
  if (t.transports.length === 0) return [];
  const idle = rows.filter((r) => r.scenario === 'idle');
  const counts = [...new Set(idle.filter((r) => r.metric === 'connections_held').map((r) => r.connections))].sort((a, b) => a - b);
  const windowUs = t.transports.map((x) => t.median(x, 'idle_window_us')).find((v) => v !== undefined);
  const lines = [
    '## Idle: memory and heartbeat bytes per idle connection',
    '',
    `Connections held at ${counts.join(', ')} (one after another, and at none); after a forced GC in the server at each,`,
    'its JS heap and RSS; per connection is the slope of a least-squares line through them. RSS includes the',
    'kernel-visible cost of sockets and buffers the heap does not show.',
    ...(windowUs === undefined ? [] : ['', ...windowNote(windowUs / 1e6, t.transports)]),
    '',
    '| transport | heap B / conn | RSS B / conn | idle B / min / conn (up + down) | held at largest | server sockets at largest | failed |',
    '|---|--:|--:|--:|--:|--:|--:|',
  ];
  const largest = counts[counts.length - 1];
  const at = (transport: string, metric: string) =>
    readable(idle.find((r) => r.transport === transport && r.metric === metric && r.connections === largest)?.value);
  for (const { transport } of t.ranked('heap_per_conn_bytes')) {
    const m = (metric: string) => readable(t.median(transport, metric));
    lines.push(
      `| ${transport} | ${m('heap_per_conn_bytes')} | ${m('rss_per_conn_bytes')} | ${m('idle_bytes_per_min')} ` +
        `(${m('idle_bytes_up_per_min')} + ${m('idle_bytes_down_per_min')}) | ${at(transport, 'connections_held')} | ` +
        `${at(transport, 'server_sockets')} | ${at(transport, 'connect_failed')} |`,
    );
  }
  const capped = idle.filter((r) => r.metric === 'idle_capped_to');
  if (capped.length > 0) {
    lines.push('', 'Capped under the open-files limit (the server holds every socket in one process): ' +
      capped.map((r) => `${r.transport} ${r.connections} → ${r.value}`).join(', ') + '.');
  }
  return [...lines, '', ...chartEmbed(idleMemoryChart, rows)];
}

export const idleReport: ScenarioReport<IdleSizes> = {
  section: ({ rows }) => idleSection(rows),
  charts: [idleMemoryChart],
};
