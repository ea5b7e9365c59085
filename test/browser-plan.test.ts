import { describe, expect, it } from 'vitest';
import { browserSkipReason, missingBrowser } from '../bench/browser/support.ts';
import { WirebenchError } from '../bench/errors.ts';
import { Orchestrator } from '../bench/run/orchestrator.ts';
import { parseOptions } from '../bench/cli/bench-options.ts';

/** The browser client's place in a run, without starting a browser. */
describe('browser client planning', () => {
  it('--clients defaults to node and rejects unknown clients', () => {
    const parsed = parseOptions(['--transports', 'ws']);
    expect(parsed.help === false && parsed.config.clients).toEqual(['node']);
    expect(() => parseOptions(['--clients', 'firefox'])).toThrow(WirebenchError);
  });

  it('a missing Chromium is one line naming the install script', () => {
    const message = missingBrowser('/nonexistent/chromium');
    expect(message).toContain('scripts/install-chromium.sh');
    expect(message).not.toContain('\n');
  });

  it('plans every transport for node, and for the browser only what a page can do', () => {
    const parsed = parseOptions(['--transports', 'tcp,ws,sse', '--scenarios', 'echo,throughput', '--trials', '1']);
    if (parsed.help) throw new Error('help');
    // the options check for Chromium only when asked for it: set the clients afterwards
    const orchestrator = new Orchestrator({ ...parsed.config, clients: ['node', 'browser'] });
    const planned = orchestrator.plan().map((p) => `${p.client}:${p.scenario}:${p.transport}`);
    expect(planned.filter((p) => p.startsWith('node:'))).toHaveLength(6);
    expect(planned.filter((p) => p.startsWith('browser:')).sort()).toEqual(['browser:echo:sse', 'browser:echo:ws']);
  });

  it('says why a point has no browser row', () => {
    expect(browserSkipReason({ transport: 'tcp', scenario: 'echo' })).toMatch(/raw TCP/);
    expect(browserSkipReason({ transport: 'ws', scenario: 'echo', ratePerS: 100 })).toMatch(/closed-loop/);
    expect(browserSkipReason({ transport: 'ws', scenario: 'wire' })).toBeUndefined();
  });
});
