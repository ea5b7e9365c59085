import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { echoBytesChart } from '../bench/scenarios/echo/chart-bytes.ts';
import { echoLatencyChart } from '../bench/scenarios/echo/chart-latency.ts';
import { renderCharts } from '../bench/report/charts/render.ts';
import { echoReport } from '../bench/scenarios/echo/report.ts';
import type { RunRecord } from '../bench/results/run-record.ts';
import type { SummaryRow } from '../bench/results/summary-csv.ts';

/** Echo's section of the report for these rows alone (it reads nothing else of the run). */
const echoSection = (rows: readonly SummaryRow[]) => echoReport.section({ run: {} as RunRecord, rows, allRows: rows, sizes: {} });

/** Echo figures of a made-up run: three transports, two trials, one of them failed in both. */
function echoRows(): SummaryRow[] {
  const figures: Record<string, Record<string, number>> = {
    tcp: { rtt_p50: 40, rtt_p99: 120, bytes_up_per_msg: 65, bytes_down_per_msg: 65 },
    ws: { rtt_p50: 70, rtt_p99: 900, bytes_up_per_msg: 70, bytes_down_per_msg: 66 },
    longpoll: { rtt_p50: 800, rtt_p99: 9_000, bytes_up_per_msg: 300, bytes_down_per_msg: 330 },
  };
  const base = { runId: 'test-run', client: 'node', scenario: 'echo', payloadBytes: 64, connections: 1 };
  const rows: SummaryRow[] = [];
  for (const trial of [1, 2]) {
    for (const [transport, metrics] of Object.entries(figures)) {
      for (const [metric, value] of Object.entries(metrics)) {
        rows.push({ ...base, trial, transport, metric, value: value * trial, unit: metric.startsWith('rtt') ? 'us' : 'B' });
      }
    }
    rows.push({ ...base, trial, transport: 'sse', metric: 'failed', value: 1, unit: 'count' });
  }
  return rows;
}

describe('charts', () => {
  it('renders every chart of an echo run as well-formed SVG with titled axes', async () => {
    const charts = await renderCharts(echoRows());
    // other scenarios' charts have nothing to draw from echo rows, so these are the echo charts alone
    expect(charts.map((c) => c.file)).toEqual([echoLatencyChart.file, echoBytesChart.file]);
    for (const { file, svg } of charts) {
      expect(XMLValidator.validate(svg), file).toBe(true);
      expect(svg.startsWith('<svg'), file).toBe(true);
      expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
      for (const transport of ['tcp', 'ws', 'longpoll']) expect(svg, `${file} names ${transport}`).toContain(`>${transport}<`);
      expect(svg, `${file} leaves out the failed transport`).not.toContain('>sse<');
    }
    const [latency, bytes] = charts;
    expect(latency?.svg).toContain('round-trip time (µs, log scale)');
    expect(bytes?.svg).toContain('wire bytes per message (B)');
  });

  it('draws the same bytes from the same figures', async () => {
    const [a, b] = await Promise.all([renderCharts(echoRows()), renderCharts(echoRows())]);
    expect(a).toEqual(b);
  });

  it('draws nothing and embeds nothing when the run has no echo figures', async () => {
    const other = echoRows().map((r) => ({ ...r, scenario: 'push' }));
    expect(await renderCharts(other)).toEqual([]);
    expect(echoSection(other).join('\n')).not.toContain('charts/');
  });

  it('embeds every echo chart in the echo section with a relative link', () => {
    const section = echoSection(echoRows()).join('\n');
    for (const chart of [echoLatencyChart, echoBytesChart]) expect(section).toMatch(new RegExp(`!\\[[^\\]]+\\]\\(charts/${chart.file}\\)`));
  });
});
