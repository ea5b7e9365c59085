import { FLOOR, ratioWithCi } from '../../report/cells.ts';
import { FigureTable } from '../../report/figure-table.ts';
import { readable } from '../../report/format.ts';
import type { ReportContext } from '../../report/scenario-report.ts';
import { textTable } from '../../report/terminal-text.ts';
import type { SummaryRow } from '../../results/summary-csv.ts';

/**
 * Echo on the terminal: every transport ranked by its median round trip (closed loop; open loop when the
 * run had only that), its p99, its ratio to raw TCP with the 95% interval, its bytes and server CPU per
 * message. Rows of the same figures the report's table has.
 */
export function echoSummary({ rows, run }: ReportContext): string[] {
  const echo = rows.filter((r: SummaryRow) => r.scenario === 'echo');
  const closed = echo.filter((r) => r.ratePerS === undefined);
  const open = closed.length === 0;
  const t = new FigureTable(open ? echo : closed, 'echo');
  const metric = open ? 'rtt_p99' : 'rtt_p50';
  const ranked = t.ranked(metric);
  if (ranked.length === 0) return [];
  const trials = Math.max(...ranked.map(({ transport }) => t.values(transport, metric).length));
  const loop = open ? `open loop at ${readable(run.config.ratePerS)} msg/s` : 'closed loop';
  const spread = trials > 1 ? `medians of ${trials} trials, 95% interval in brackets` : 'one trial';
  const hasFloor = t.median(FLOOR, metric) !== undefined;
  const m = (transport: string, name: string) => readable(t.median(transport, name));
  const hasCpu = ranked.some(({ transport }) => t.median(transport, 'server_cpu_us_per_msg') !== undefined);
  return [
    `Echo, ${loop}, ${readable(run.config.payloadBytes)} B, ${run.config.connections} connection${run.config.connections === 1 ? '' : 's'}; ${spread}:`,
    ...textTable(
      [
        { title: 'transport', align: 'left' },
        { title: 'p50 µs', align: 'right' },
        { title: 'p99 µs', align: 'right' },
        ...(hasFloor ? [{ title: `${open ? 'p99' : 'p50'} ÷ ${FLOOR}`, align: 'left' } as const] : []),
        { title: 'B/msg up + down', align: 'right' },
        ...(hasCpu ? [{ title: 'server µs/msg', align: 'right' } as const] : []),
      ],
      ranked.map(({ transport }) => [
        transport,
        m(transport, 'rtt_p50'),
        m(transport, 'rtt_p99'),
        ...(hasFloor ? [ratioWithCi(t, transport, metric)] : []),
        `${m(transport, 'bytes_up_per_msg')} + ${m(transport, 'bytes_down_per_msg')}`,
        ...(hasCpu ? [m(transport, 'server_cpu_us_per_msg')] : []),
      ]),
    ),
  ];
}
