import { FigureTable } from '../../report/figure-table.ts';
import { chartEmbed } from '../../report/charts/chart.ts';
import { idleMemoryChart } from './chart.ts';
import { readable } from '../../report/format.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';
import type { ScenarioReport } from '../../report/scenario-report.ts';
import { findTransport } from '../../../transports/registry.ts';
import { IDLE_SIZES, type IdleSizes } from './sizes.ts';
import { idleSummary, rssCell, RSS_UNRESOLVED } from './summary.ts';

/**
 * What each transport's quiet window could and could not see, from its own length and the heartbeat its
 * descriptor states (its library's default): a heartbeat slower than the window reads 0.
 */
function windowNote(windows: readonly { transport: string; windowS: number }[]): string[] {
  const seen: string[] = [];
  const unseen: string[] = [];
  const silent: string[] = [];
  for (const { transport, windowS } of windows) {
    const beat = findTransport(transport)?.heartbeat;
    if (!beat) silent.push(`\`${transport}\` ${readable(windowS)} s`);
    else {
      const what = `\`${transport}\`'s ${beat.what.replace(/^(a|an|the) /, '')} (every ${beat.seconds} s)`;
      const beats = Math.floor(windowS / beat.seconds + 1e-6);
      if (beats >= 1) seen.push(`${what}: ${readable(windowS)} s, ${beats} interval${beats === 1 ? '' : 's'}`);
      else unseen.push(`${what}: ${readable(windowS)} s`);
    }
  }
  return [
    'Idle bytes were measured over a quiet window at the largest count, last, every transport at the same time in its own ' +
      'server, and scaled to a minute; a transport with a heartbeat is watched for a whole number of its intervals. The rest of ' +
      'the run went on beside the windows (memory and broadcasts were measured before them; bytes do not depend on what else has the cores).',
    seen.length ? `Windows with heartbeats: ${seen.join('; ')}.` : '',
    silent.length ? `Without a heartbeat of their own: ${silent.join(', ')}.` : '',
    unseen.length
      ? `Windows **too short to see** their heartbeat: ${unseen.join('; ')}: those read 0 here although they cost bytes over a real minute; ` +
        `the \`quick\` and \`full\` profiles watch at least ${IDLE_SIZES.quick.heartbeats} and ${IDLE_SIZES.full.heartbeats} intervals.`
      : '',
  ].filter(Boolean);
}

/**
 * Transports whose point failed part-way but kept what it had measured (its load processes' progress):
 * their figures below stop at the last count they reached, which the reader must know.
 */
function partialNote(t: FigureTable, idle: readonly SummaryRow[]): string[] {
  const partial = t.transports.filter((x) => (t.median(x, 'failed') ?? 0) > 0 && idle.some((r) => r.transport === x && r.metric === 'connections_held'));
  if (partial.length === 0) return [];
  const reached = (x: string) => Math.max(...idle.filter((r) => r.transport === x && r.metric === 'connections_held').map((r) => r.connections));
  return [
    '',
    `⚠ ${partial.map((x) => `**${x}**`).join(', ')}: the point failed part-way (why: under Failures); what it measured before, up to ` +
      `${partial.map((x) => `${readable(reached(x))} (${x})`).join(', ')} connections, is kept below. Figures of the whole window (the load's health) are not.`,
  ];
}

/** Idle connections: what one more costs the server in memory, and on the wire per minute. */
function idleSection(rows: readonly SummaryRow[]): string[] {
  const t = new FigureTable(rows, 'idle');
  if (t.transports.length === 0) return [];
  const idle = rows.filter((r) => r.scenario === 'idle');
  const counts = [...new Set(idle.filter((r) => r.metric === 'connections_held').map((r) => r.connections))].sort((a, b) => a - b);
  const windows = t.transports.flatMap((transport) => {
    const us = t.median(transport, 'idle_window_us');
    return us === undefined ? [] : [{ transport, windowS: us / 1e6 }];
  });
  const lines = [
    '## Idle: memory and heartbeat bytes per idle connection',
    '',
    `Connections held at ${counts.join(', ')} (one after another, and at none); after a forced GC in the server at each,`,
    'its JS heap and RSS; per connection is the slope of a least-squares line through them. RSS includes the',
    'kernel-visible cost of sockets and buffers the heap does not show. The **client** columns are the same slope for',
    'the load processes (the Node client of each transport, summed over them, after a GC in each): what a process that',
    'holds many client connections pays, such as a service that fans out to a WebSocket server.',
    ...(windows.length === 0 ? [] : ['', ...windowNote(windows)]),
    ...partialNote(t, idle),
    '',
    '| transport | heap B / conn | RSS B / conn | idle B / min / conn (up + down) | held at largest | server sockets at largest | failed | client heap / RSS B / conn |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  // each transport's own largest count: one capped under the open-files limit has no row at the run's largest
  const largestOf = (transport: string) =>
    Math.max(...idle.filter((r) => r.transport === transport && r.metric === 'connections_held').map((r) => r.connections));
  const at = (transport: string, metric: string) => {
    const largest = largestOf(transport);
    return readable(idle.find((r) => r.transport === transport && r.metric === metric && r.connections === largest)?.value);
  };
  for (const { transport } of t.ranked('heap_per_conn_bytes')) {
    const m = (metric: string) => readable(t.median(transport, metric));
    lines.push(
      `| ${transport} | ${m('heap_per_conn_bytes')} | ${rssCell(t, transport)} | ${m('idle_bytes_per_min')} ` +
        `(${m('idle_bytes_up_per_min')} + ${m('idle_bytes_down_per_min')}) | ${at(transport, 'connections_held')} | ` +
        `${at(transport, 'server_sockets')} | ${at(transport, 'connect_failed')} | ${m('client_heap_per_conn_bytes')} / ${m('client_rss_per_conn_bytes')} |`,
    );
  }
  const unresolved = t.transports.filter((transport) => rssCell(t, transport) === RSS_UNRESOLVED);
  if (unresolved.length > 0) {
    lines.push('', `RSS per connection of ${unresolved.join(', ')}: can't tell at ${counts.join(', ')} connections. Their server's RSS ` +
      'fell while connections were added (the allocator and the GC hand pages back in chunks larger than what ' +
      'these connections hold), so a slope through it would be that noise; larger counts (`--profile full`, or ' +
      '`--connections`) resolve it.');
  }
  const capped = idle.filter((r) => r.metric === 'idle_capped_to');
  if (capped.length > 0) {
    lines.push('', 'Capped under the open-files limit (the server holds every socket in one process): ' +
      capped.map((r) => `${r.transport} ${r.connections} → ${r.value}`).join(', ') + '.');
  }
  return [...lines, ...countsTable(idle), '', ...chartEmbed(idleMemoryChart, rows)];
}

/**
 * At each count: what was held and what failed by cause, memory per connection from none to that count
 * (summed over a cluster's processes), the one broadcast to every member, and how the point was spread.
 */
function countsTable(idle: readonly SummaryRow[]): string[] {
  const keys = [...new Set(idle.filter((r) => r.metric === 'connections_held').map((r) => `${r.transport}\u0000${r.connections}`))];
  if (!idle.some((r) => r.metric === 'broadcast_members')) return [];
  const value = (transport: string, connections: number, metric: string) =>
    idle.find((r) => r.transport === transport && r.connections === connections && r.metric === metric)?.value;
  const ms = (us: number | undefined) => (us === undefined ? '–' : readable(us / 1000));
  const lines = [
    '',
    'At each count: memory per connection from none to that count, summed over the server\'s processes; failures by ' +
      'cause (open files, no free port, timeout, refused, other); one broadcast from one member to every member, ' +
      'timed from its send to the first and the last arrival; idle bytes per connection-minute over a quiet window at that count ' +
      '(– where only the largest count had one); the load processes\' heap per connection from none to that count.',
    '',
    '| transport | count | held | failed (files / port / timeout / refused / other) | heap B / conn | RSS B / conn | broadcast delivered / members (dup) | first ms | last ms | idle B / min / conn | client heap B / conn | server / load processes, sources |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const key of keys) {
    const [transport = '', count = '0'] = key.split('\u0000');
    const c = Number(count);
    const v = (metric: string) => value(transport, c, metric);
    const causes = ['open_files', 'no_port', 'timeout', 'refused', 'other'].map((cause) => readable(v(`connect_failed_${cause}`) ?? 0)).join(' / ');
    const spread = v('server_processes') === undefined ? '' : `${readable(v('server_processes'))} / ${readable(v('load_processes'))}, ${readable(v('source_addresses'))}`;
    lines.push(
      `| ${transport} | ${readable(c)} | ${readable(v('connections_held'))} | ${readable(v('connect_failed'))} (${causes}) | ${readable(v('heap_per_conn_at_bytes'))} | ` +
        `${readable(v('rss_per_conn_at_bytes'))} | ${readable(v('broadcast_delivered'))} / ${readable(v('broadcast_members'))} (${readable(v('broadcast_duplicated'))}) | ` +
        `${ms(v('broadcast_first_us'))} | ${ms(v('broadcast_last_us'))} | ${readable(v('idle_bytes_per_min_at'))} | ${readable(v('client_heap_per_conn_at_bytes'))} | ${spread} |`,
    );
  }
  return lines;
}

export const idleReport: ScenarioReport<IdleSizes> = {
  section: ({ rows }) => idleSection(rows),
  charts: [idleMemoryChart],
  summary: idleSummary,
  variantFigures: [
    { metric: 'heap_per_conn_bytes', label: 'server heap per idle connection, B' },
    { metric: 'rss_per_conn_bytes', label: 'server RSS per idle connection, B' },
  ],
};
