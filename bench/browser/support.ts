/**
 * What the browser client can do, with no browser code imported: the orchestrator and the CLI ask
 * this before they start anything. A browser speaks HTTP and WebSocket only, so `tcp` is out; the
 * page runs the scenarios that say how (Scenario.browser: echo, fanout and wire).
 */
import { existsSync } from 'node:fs';
import type { LoadJob } from '../../protocol/control.ts';
import { findTransport } from '../../transports/registry.ts';
import { SCENARIOS } from '../scenarios/registry.ts';

/** Debian's own Chromium (scripts/install-chromium.sh), never a downloaded browser build. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const INSTALL_SCRIPT = 'scripts/install-chromium.sh';

/** Whether a browser has a client for the transport (its descriptor names a page connector). */
export const hasBrowserClient = (transport: string): boolean => findTransport(transport)?.browser !== undefined;
/** The scenarios a page can run: those that say how (their `browser`). A function: the registry imports this module's importers. */
export const browserScenarios = (): string[] => SCENARIOS.filter((s) => s.browser !== undefined).map((s) => s.name);

export type Client = 'node' | 'browser';
export const CLIENT_NAMES: readonly Client[] = ['node', 'browser'];

/** Why the browser client does not run this point, or undefined when it does. */
export function browserSkipReason(job: Pick<LoadJob, 'transport' | 'scenario' | 'ratePerS'>): string | undefined {
  if (!hasBrowserClient(job.transport)) return `'${job.transport}' has no browser client (a browser cannot open a raw TCP socket, and the clusters are loaded from Node only)`;
  const scenarios = browserScenarios();
  if (!scenarios.includes(job.scenario)) return `the browser client runs ${scenarios.join(', ')} only`;
  if (job.scenario === 'echo' && job.ratePerS !== undefined) return 'the browser client runs the closed-loop echo only';
  return undefined;
}

/** One line for the user when Chromium is not where the suite looks for it; undefined when it is. */
export function missingBrowser(path = CHROMIUM_PATH): string | undefined {
  return existsSync(path) ? undefined : `no Chromium at ${path}: install it with ${INSTALL_SCRIPT} (Debian's chromium package)`;
}
