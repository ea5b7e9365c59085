import type { Browser, BrowserContext, Page } from 'playwright-core';
import { POLL_INTERVAL_MS } from '../../clients/polling.ts';
import { PAGE_PATH, pageAssets } from './page-assets.ts';
import { callPage } from './page-api.ts';
import { descendantsCpuUs } from './process-cpu.ts';

/**
 * Connections one page holds at most. Chromium opens at most 6 HTTP/1.1 connections per host in a
 * browser context (profile), and an HTTP transport's connection holds two (a held request down, a
 * POST up): three of them would already queue. WebSockets do not count against that limit.
 */
const HTTP_PER_PAGE = 2;
const WEBSOCKET_PER_PAGE = 100;
const HTTP_TRANSPORTS = new Set(['sse', 'longpoll', 'polling', 'socketio-polling']);

/**
 * The document is cross-origin isolated (COOP + COEP): Chromium then reads performance.now() to 5 µs
 * instead of 100 µs, which matters for round trips of a few hundred µs on loopback.
 */
const ISOLATION_HEADERS = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

/**
 * A new page keeps Chromium busy for a second or more after it has loaded (a renderer starting up;
 * several seconds for many pages on a busy machine): measuring then would time the start-up, not the
 * transport. Wait until the browser's processes use less than QUIET_SHARE of a core, at most QUIET_MAX_MS.
 */
const QUIET_SHARE = 0.2;
const QUIET_SAMPLE_MS = 250;
const QUIET_MAX_MS = 10_000;

async function untilQuiet(): Promise<void> {
  const deadline = Date.now() + QUIET_MAX_MS;
  while (Date.now() < deadline) {
    const before = descendantsCpuUs();
    await new Promise((resolve) => setTimeout(resolve, QUIET_SAMPLE_MS));
    if (descendantsCpuUs() - before < QUIET_SHARE * QUIET_SAMPLE_MS * 1000) return;
  }
}

export interface PageShare {
  page: Page;
  /** connections this page holds */
  count: number;
}

/**
 * The pages of one load process, each in its own browser context so that each has its own connection
 * pool, all on the transport server's origin: the page's requests are same-origin, as for a page that
 * server would serve. Pages are kept across the steps of a scenario; connections are not.
 */
export class BrowserSession {
  readonly #pages: { page: Page; context: BrowserContext }[] = [];
  readonly #origin: string;
  readonly perPage: number;

  constructor(
    private readonly browser: Browser,
    private readonly transport: string,
    host: string,
    port: number,
  ) {
    this.#origin = `http://${host}:${port}`;
    this.perPage = HTTP_TRANSPORTS.has(transport) ? HTTP_PER_PAGE : WEBSOCKET_PER_PAGE;
  }

  get pages(): Page[] {
    return this.#pages.map((p) => p.page);
  }

  /** Opens pages until `connections` fit, `perPage` to a page; returns the shares, first page first. */
  async ensure(connections: number): Promise<PageShare[]> {
    const needed = Math.max(1, Math.ceil(connections / this.perPage));
    if (this.#pages.length < needed) {
      while (this.#pages.length < needed) this.#pages.push(await this.#openPage());
      await untilQuiet();
    }
    const shares: PageShare[] = [];
    for (let i = 0, left = connections; left > 0; i++, left -= this.perPage) {
      const page = this.#pages[i]?.page;
      if (page) shares.push({ page, count: Math.min(this.perPage, left) });
    }
    return shares;
  }

  /** Opens `connections` connections spread over the pages. */
  async open(connections: number): Promise<PageShare[]> {
    const shares = await this.ensure(connections);
    await Promise.all(shares.map((s) => callPage(s.page, 'open', s.count)));
    return shares;
  }

  async closeConnections(): Promise<void> {
    await Promise.all(this.pages.map((page) => callPage(page, 'closeAll')));
  }

  async #openPage(): Promise<{ page: Page; context: BrowserContext }> {
    const context = await this.browser.newContext();
    const assets = pageAssets(this.transport);
    // answered here while the page loads, then interception is switched off: Playwright intercepts
    // every request of a context while any route is set, which would add a DevTools round trip to each poll
    await context.route(`${this.#origin}/**`, (route) => {
      const asset = assets.get(new URL(route.request().url()).pathname);
      if (!asset) return route.abort('blockedbyclient');
      const headers = { ...ISOLATION_HEADERS, 'cache-control': 'no-store' };
      return route.fulfill({ status: 200, contentType: asset.contentType, headers, body: asset.body });
    });
    const page = await context.newPage();
    await page.goto(this.#origin + PAGE_PATH);
    await page.waitForFunction(() => 'wb' in window);
    await context.unrouteAll({ behavior: 'wait' });
    await callPage(page, 'setup', this.transport, POLL_INTERVAL_MS);
    return { page, context };
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.#pages.map((p) => p.context.close()));
    this.#pages.length = 0;
  }
}
