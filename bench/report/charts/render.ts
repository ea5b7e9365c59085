import type { TopLevelSpec } from 'vega-lite';
import type { SummaryRow } from '../../results/summary-csv.ts';
import { SCENARIOS } from '../../scenarios/registry.ts';

export interface RenderedChart {
  /** file name under charts/ */
  file: string;
  svg: string;
}

/**
 * Renders a vega-lite spec to SVG in Node: vega's headless View with no renderer draws straight to an
 * SVG string, so neither a browser nor a canvas is needed. vega is loaded on first use: the CLI's
 * --help and the measuring itself never pay for it.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [{ compile }, { View, parse }] = await Promise.all([import('vega-lite'), import('vega')]);
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Every chart the report can draw: each scenario's, in registry order. */
export const allCharts = () => SCENARIOS.flatMap((s) => s.report?.charts ?? []);

/** Every chart this run has data for, rendered, in registry order. */
export async function renderCharts(rows: readonly SummaryRow[]): Promise<RenderedChart[]> {
  const rendered: RenderedChart[] = [];
  for (const chart of allCharts()) {
    const spec = chart.spec(rows);
    if (spec) rendered.push({ file: chart.file, svg: await renderSvg(spec) });
  }
  return rendered;
}
