import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH, missingBrowser } from './support.ts';

/**
 * Flags for a quiet, reproducible browser: nothing talks to the network but the page (no component
 * updates, sync, field trials or QUIC probes), no GPU on a headless server, no sandbox (it needs user
 * namespaces that containers and CI runners often lack).
 */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  // the only TLS a page meets is sse-h2's, whose certificate is self-signed, made at run time: with
  // Playwright's ignoreHTTPSErrors alone Chromium still fails two handshakes on it before it proceeds
  '--ignore-certificate-errors',
  // the page is answered by the session (route interception), so Chromium cannot tell it came from
  // loopback and would block its requests to loopback as a public page's; served by the transport's
  // server itself, as for a user, loopback to loopback is never checked: the flag undoes our artefact
  '--disable-features=LocalNetworkAccessChecks',
];

/** Chromium's own start can take seconds on a busy 2-core machine. */
const LAUNCH_TIMEOUT_MS = 30_000;

/**
 * Starts Debian's Chromium headless. Playwright gives it a fresh --user-data-dir of its own (a new
 * temporary profile, removed at close), so no cache, cookie or HTTP/2 hint survives from one point to
 * the next; every page then opens in a fresh incognito context of it (see BrowserSession).
 */
export async function launchBrowser(executablePath = CHROMIUM_PATH): Promise<Browser> {
  const missing = missingBrowser(executablePath);
  if (missing) throw new Error(missing);
  return chromium.launch({ executablePath, headless: true, args: ARGS, timeout: LAUNCH_TIMEOUT_MS });
}
