import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { BrowserSupport } from '../../transports/descriptor.ts';
import { transportNamed } from '../../transports/registry.ts';
import { PAGE_PATH, pageAssets } from './page-assets.ts';
import { sleep } from '../load/sleep.ts';
import { callPage } from './page-api.ts';
import { descendantsCpuUs } from './process-cpu.ts';

/**
 * Connections one frame holds at most. Chromium opens at most 6 HTTP/1.1 connections per host, and
 * an HTTP transport's connection holds two (a held request down, a POST up): a third would queue.
 * So further connections go to iframes, each on a host of its own (r1.localhost, r2.localhost, ...:
 * Chromium resolves every *.localhost to loopback itself) and so with a connection pool of its own,
 * much as each receiver of a chat room is a browser of its own. WebSockets do not count against it.
 */
const HTTP_PER_FRAME = 2;
const WEBSOCKET_PER_FRAME = 1000;

/**
 * Every document is cross-origin isolated (COOP + COEP, and CORP so the page may embed the iframes):
 * Chromium then reads performance.now() to 5 µs instead of 100 µs, which matters for round trips of a
 * few hundred µs on loopback.
 */
const DOCUMENT_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'cross-origin',
  'cache-control': 'no-store',
};

/**
 * New frames keep Chromium busy for a while after they have loaded (a renderer starting up; seconds on
 * a busy machine): measuring then would time the start-up, not the transport. Wait until the browser's
 * processes use less than QUIET_SHARE of a core, at most QUIET_MAX_MS.
 */
const QUIET_SHARE = 0.2;
const QUIET_SAMPLE_MS = 250;
const QUIET_MAX_MS = 10_000;

async function untilQuiet(): Promise<void> {
  const deadline = Date.now() + QUIET_MAX_MS;
  while (Date.now() < deadline) {
    const before = descendantsCpuUs();
    await sleep(QUIET_SAMPLE_MS);
    if (descendantsCpuUs() - before < QUIET_SHARE * QUIET_SAMPLE_MS * 1000) return;
  }
}

export interface PageShare {
  /** the frame (the page's main frame, or an iframe) that holds these connections */
  page: Frame;
  count: number;
}

/**
 * One page of one load process, on the transport server's origin (its requests are same-origin, as for
 * a page that server would serve), with iframes added as more connections need them. The frames are
 * kept across the steps of a scenario; connections are not. The first connection is always in the
 * main frame on the server's own host, so a one-connection scenario sends exactly a page's headers.
 */
export class BrowserSession {
  readonly #frames: Frame[] = [];
  #context: BrowserContext | undefined;
  #page: Page | undefined;
  readonly perFrame: number;
  /** what the page's connect.js is told to use for this transport: its descriptor's connector */
  readonly #connector: BrowserSupport & { pollIntervalMs?: number };
  /** `https` where the transport's browser client needs TLS (HTTP/2), else `http` */
  readonly #scheme: 'http' | 'https';

  constructor(
    private readonly browser: Browser,
    private readonly transport: string,
    private readonly host: string,
    private readonly port: number,
  ) {
    const descriptor = transportNamed(transport);
    if (!descriptor.browser) throw new Error(`'${transport}' has no browser client`);
    this.#connector = { ...descriptor.browser, ...(descriptor.pollIntervalMs === undefined ? {} : { pollIntervalMs: descriptor.pollIntervalMs }) };
    this.perFrame = descriptor.browser.http ? HTTP_PER_FRAME : WEBSOCKET_PER_FRAME;
    this.#scheme = descriptor.browser.tls ? 'https' : 'http';
  }

  get frames(): Frame[] {
    return [...this.#frames];
  }

  /** Makes frames until `connections` fit, `perFrame` to a frame; returns the shares, main frame first. */
  async ensure(connections: number): Promise<PageShare[]> {
    const needed = Math.max(1, Math.ceil(connections / this.perFrame));
    if (this.#frames.length < needed) {
      await this.#serving(async (page) => {
        if (this.#frames.length === 0) this.#frames.push(page.mainFrame());
        await this.#addIframes(page, needed - this.#frames.length);
      });
      await untilQuiet();
    }
    const shares: PageShare[] = [];
    for (let i = 0, left = connections; left > 0; i++, left -= this.perFrame) {
      const frame = this.#frames[i];
      if (frame) shares.push({ page: frame, count: Math.min(this.perFrame, left) });
    }
    return shares;
  }

  /** Opens `connections` connections spread over the frames. */
  async open(connections: number): Promise<PageShare[]> {
    const shares = await this.ensure(connections);
    await Promise.all(shares.map((s) => callPage(s.page, 'open', s.count)));
    return shares;
  }

  async closeConnections(): Promise<void> {
    await Promise.all(this.#frames.map((frame) => callPage(frame, 'closeAll')));
  }

  /**
   * Runs `step` while the session itself answers the page's files: they never reach the transport's
   * server, whose counters see the transport's traffic only. Interception is off again afterwards:
   * Playwright intercepts every request while any route is set, a DevTools round trip on each poll.
   */
  async #serving(step: (page: Page) => Promise<void>): Promise<void> {
    const assets = pageAssets(this.transport);
    // the TLS server's certificate is self-signed, made at run time (servers/self-signed.ts)
    this.#context ??= await this.browser.newContext(this.#scheme === 'https' ? { ignoreHTTPSErrors: true } : {});
    const context = this.#context;
    const port = String(this.port);
    await context.route(
      (url) => url.port === port,
      (route) => {
        const asset = assets.get(new URL(route.request().url()).pathname);
        if (!asset) return route.abort('blockedbyclient');
        return route.fulfill({ status: 200, contentType: asset.contentType, headers: DOCUMENT_HEADERS, body: asset.body });
      },
    );
    try {
      if (!this.#page) {
        this.#page = await context.newPage();
        await this.#page.goto(`${this.#scheme}://${this.host}:${port}${PAGE_PATH}`);
        await this.#setup(this.#page.mainFrame());
      }
      await step(this.#page);
    } finally {
      await context.unrouteAll({ behavior: 'wait' });
    }
  }

  async #addIframes(page: Page, count: number): Promise<void> {
    const first = this.#frames.length;
    const urls = Array.from({ length: count }, (_, i) => `${this.#scheme}://r${first + i}.localhost:${this.port}${PAGE_PATH}`);
    await page.evaluate(
      (srcs) =>
        Promise.all(
          srcs.map(
            (src) =>
              new Promise((resolve, reject) => {
                const frame = document.createElement('iframe');
                // lets the iframe be cross-origin isolated too, for its 5 µs clock
                frame.allow = 'cross-origin-isolated';
                frame.onload = resolve;
                frame.onerror = reject;
                frame.src = src;
                document.body.append(frame);
              }),
          ),
        ),
      urls,
    );
    for (const url of urls) {
      const frame = page.frames().find((f) => f.url() === url);
      if (!frame) throw new Error(`iframe ${url} did not load`);
      await this.#setup(frame);
      this.#frames.push(frame);
    }
  }

  async #setup(frame: Frame): Promise<void> {
    await frame.waitForFunction(() => 'wb' in window);
    await callPage(frame, 'setup', this.#connector);
  }

  async close(): Promise<void> {
    // the browser may be gone already (it ends with its pipe when a point fails): nothing is left to close
    await this.#context?.close().catch(() => undefined);
    this.#context = undefined;
    this.#page = undefined;
    this.#frames.length = 0;
  }
}
