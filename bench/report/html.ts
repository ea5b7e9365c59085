import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Marked, type Tokens } from 'marked';
import type { TopLevelSpec } from 'vega-lite';
import { summaryRows } from '../results/summary-csv.ts';
import { primaryView } from '../results/point-runtime.ts';
import type { RunRecord } from '../results/run-record.ts';
import { CHARTS_DIR } from './charts/chart.ts';
import { allCharts } from './charts/render.ts';

const resolver = createRequire(import.meta.url);

/** The three libraries the page draws with, as their own browser builds: inlined, so it needs no network. */
const SCRIPTS = () => [
  resolver.resolve('vega/build/vega.min.js'),
  resolver.resolve('vega-lite/build/vega-lite.min.js'),
  // vega-embed exports no deep paths: its browser build sits beside its main file
  join(dirname(resolver.resolve('vega-embed')), 'vega-embed.min.js'),
];

/** Inside a <script> element, `</script` would end it early: written so that it cannot. */
const scriptSafe = (text: string) => text.replace(/<\/(script)/gi, '<\\/$1');

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A chart's spec for the page: the same as the SVG's, with tooltips on every mark. */
function interactive(spec: TopLevelSpec): TopLevelSpec {
  const config = spec.config ?? {};
  return { ...spec, config: { ...config, mark: { ...config.mark, tooltip: true } } } as TopLevelSpec;
}

const STYLE = `
body { font: 15px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; max-width: 980px; margin: 2em auto; padding: 0 1em; color: #1f2328; }
table { border-collapse: collapse; margin: 1em 0; font-size: 13px; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; }
th { background: #f6f8fa; }
td[align="right"], th[align="right"] { text-align: right; font-variant-numeric: tabular-nums; }
code { background: #f6f8fa; padding: 1px 4px; border-radius: 4px; font-size: 90%; }
.chart { margin: 1em 0; }
`;

/**
 * results/report.html: report.md as a page, its charts drawn by vega-embed from their vega-lite specs
 * (tooltips, export), everything inlined so that it opens offline. Where report.md embeds a chart's SVG,
 * the page draws the chart; anything else is report.md's own markdown.
 */
export async function renderHtml(run: RunRecord, markdown: string): Promise<string> {
  const rows = summaryRows(primaryView(run));
  const specs = new Map<string, TopLevelSpec>();
  for (const chart of allCharts()) {
    const spec = chart.spec(rows);
    if (spec) specs.set(`${CHARTS_DIR}/${chart.file}`, interactive(spec));
  }
  const drawn: { id: string; spec: TopLevelSpec }[] = [];
  const marked = new Marked({
    gfm: true,
    renderer: {
      image({ href, text }: Tokens.Image): string {
        const spec = specs.get(href);
        if (!spec) return `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}">`;
        const id = `chart-${drawn.length}`;
        drawn.push({ id, spec });
        return `<div class="chart" id="${id}" role="img" aria-label="${escapeHtml(text)}"></div>`;
      },
    },
  });
  const body = await marked.parse(markdown);
  const libraries = await Promise.all(SCRIPTS().map((path) => readFile(path, 'utf8')));
  // the specs as JSON inside a script: `<` escaped, so that no text in them can close it
  const data = JSON.stringify(drawn).replace(/</g, '\\u003c');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>wirebench report ${escapeHtml(run.runId)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    body,
    ...libraries.map((code) => `<script>${scriptSafe(code)}</script>`),
    `<script>
for (const { id, spec } of ${data}) {
  vegaEmbed('#' + id, spec, { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } })
    .catch((error) => { document.getElementById(id).textContent = 'chart failed: ' + error.message; });
}
</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
