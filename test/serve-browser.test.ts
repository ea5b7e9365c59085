import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSPORTS } from '../transports/registry.ts';

/** Every transport a browser page has a client for (its descriptor names a connector). */
const PAGE_TRANSPORTS = TRANSPORTS.filter((t) => t.browser !== undefined).map((t) => t.name);

/** Debian's Chromium (apt-get install chromium): never a downloaded browser. Without it these tests skip. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = join(import.meta.dirname, '..');
/** Something a person might type that would run as markup if it were ever set with innerHTML. */
const HOSTILE = '<img src=x onerror="window.pwned=1"> & <b>bold</b>';

async function startServe(transport: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/cli/serve.ts', transport, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
    });
    child.once('exit', (code) => reject(new Error(`serve ${transport} exited with ${code}`)));
  });
  return { child, url };
}

async function echoed(page: Page): Promise<number> {
  return Number((await page.textContent('#rtt-count'))?.split('/')[0]);
}

describe.skipIf(!existsSync(CHROMIUM))('the serve page in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => browser?.close());

  it.each(PAGE_TRANSPORTS)('%s: live round trips, and a chat between two tabs that shows text as text', async (transport) => {
    const { child, url } = await startServe(transport);
    const context = await browser.newContext();
    try {
      const [alice, bob] = [await context.newPage(), await context.newPage()];
      for (const page of [alice, bob]) await page.goto(url);
      await expect.poll(() => echoed(alice), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
      expect(await alice.textContent('#rtt-p50')).toMatch(/^\d+\.\d\d ms$/);
      await expect.poll(() => bob.textContent('#status'), { timeout: 15_000 }).toBe('open');
      await alice.fill('#name', 'alice');
      await alice.fill('#text', HOSTILE);
      await alice.click('#chat button');
      const line = bob.locator('#messages li', { hasText: 'alice' });
      await line.waitFor({ timeout: 15_000 });
      expect(await line.textContent()).toBe(`alice${HOSTILE}`);
      expect(await bob.locator('#messages img, #messages b').count()).toBe(0);
      expect(await bob.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      // the sender sees its own message come back through the server, with its round trip
      await expect.poll(() => alice.textContent('#messages li.mine .meta'), { timeout: 15_000 }).toMatch(/^you · [\d.]+ ms round trip$/);
    } finally {
      await context.close();
      child.kill('SIGINT');
    }
  });
});
