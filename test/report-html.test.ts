/**
 * results/report.html: report.md as a page whose charts vega-embed draws from their specs, with every
 * script inlined. Opened in Debian's Chromium with every request but the file itself refused: each
 * chart the report embeds is drawn, and its marks answer a hover with a tooltip.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { launchBrowser } from '../bench/browser/launch.ts';
import { missingBrowser } from '../bench/browser/support.ts';
import { renderHtml } from '../bench/report/html.ts';
import { renderReport } from '../bench/report/report.ts';
import { asRunRecord } from '../bench/results/read-run.ts';

const fixture = async () =>
  asRunRecord(JSON.parse(gunzipSync(await readFile(join(import.meta.dirname, 'fixtures', 'schema1-run.json.gz'))).toString('utf8')), 'fixture');

describe('report.html', () => {
  it('holds the report, one chart element per embedded chart, and no reference to the network', async () => {
    const run = await fixture();
    const markdown = renderReport(run);
    const html = await renderHtml(run, markdown);
    const embedded = markdown.match(/!\[[^\]]*\]\(charts\/[^)]+\.svg\)/g) ?? [];
    expect(embedded.length).toBeGreaterThan(3);
    expect(html.match(/<div class="chart" id="chart-\d+"/g)).toHaveLength(embedded.length);
    expect(html).toContain('<h2>Echo: round-trip latency and bytes per message</h2>');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|<img[^>]+src="https?:/);
  });

  it.skipIf(missingBrowser() !== undefined)('draws every chart offline in Chromium, with tooltips', async () => {
    const run = await fixture();
    const dir = await mkdtemp(join(tmpdir(), 'wirebench-html-'));
    const browser = await launchBrowser();
    try {
      const path = join(dir, 'report.html');
      await writeFile(path, await renderHtml(run, renderReport(run)));
      const page = await browser.newPage();
      const refused: string[] = [];
      await page.route('**/*', (route) => {
        if (route.request().url() === pathToFileURL(path).href) return route.continue();
        refused.push(route.request().url());
        return route.abort();
      });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(pathToFileURL(path).href);
      const charts = await page.locator('div.chart').count();
      await page.waitForFunction((n) => document.querySelectorAll('div.chart svg.marks').length === n, charts, { timeout: 20_000 });
      expect(errors).toEqual([]);
      expect(refused).toEqual([]);
      // a bar of the first chart, hovered: vega-tooltip shows its fields
      const mark = page.locator('#chart-0 svg.marks path[aria-roledescription="bar"], #chart-0 svg.marks .mark-rect path').first();
      await mark.hover();
      await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 5_000 });
      expect(await page.locator('#vg-tooltip-element').textContent()).toMatch(/\d/);
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
