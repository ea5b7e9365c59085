import type { SummaryRow } from '../../results/summary-csv.ts';

/**
 * Real Chromium against the Node clients, transport by transport: latency as a page sees it, and the
 * bytes a browser adds (its headers) per message. Empty when the run had no browser client.
 */
export function browserSection(allRows: readonly SummaryRow[], tables: readonly string[]): string[] {
  if (!allRows.some((r) => r.client === 'browser')) return [];
  return [
    '## Browser client (headless Chromium) against the Node client',
    '',
    'The same servers, scenarios and envelope, loaded by a page in Debian\'s Chromium (driven by playwright-core)',
    'using the browser\'s own `WebSocket`, `EventSource` + `fetch`, `fetch` long-polling and the socket.io client',
    'bundle. Times are read in the page with `performance.now()` (the page is cross-origin isolated, so Chromium',
    'reads it to 5 µs, not 100 µs); bytes are counted by the server, as for every client. Chromium\'s processes',
    'share the load process\'s core, and DevTools watches its network traffic (Playwright keeps that on): a',
    'browser round trip crosses renderer, network service and kernel, where a Node client crosses only the kernel.',
    '`fetch` POSTs in flight together may take different connections and reach the server out of order: a page',
    'that needs order must wait for each POST, the Node clients keep one upstream connection.',
    '**Browser CPU** is every Chromium process\'s CPU time over the measured window as a share of a core;',
    '⚠ marks a point where the browser, not the transport, was the limit: one browser holding a whole room',
    'on one core is far busier than each member\'s own browser would be.',
    '',
    ...tables,
  ];
}
