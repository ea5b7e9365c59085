import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../bench/cli/bench-options.ts';
import { DEFAULT_SCENARIOS, SCENARIO_NAMES } from '../bench/scenarios/registry.ts';
import { OVERHEAD_SIZES } from '../bench/scenarios/overhead/stage.ts';

const README = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

/** What `npm run bench` runs with no flags, against what the README says it runs. */
describe('the default run', () => {
  it('runs every scenario, as the README\'s quick start says, the 2010 overhead table included', () => {
    expect(README).toMatch(/npm run bench +# every scenario/);
    // idle-used is idle again after one message: run when named, as the README's scenario table says
    expect(README).toMatch(/`idle-used` \(when named\)/);
    const everyOne = SCENARIO_NAMES.filter((s) => s !== 'idle-used');
    expect(DEFAULT_SCENARIOS).toEqual(everyOne);
    expect(DEFAULT_SCENARIOS).toContain('overhead');
    const parsed = parseOptions([]);
    expect(parsed.help === false && parsed.config.scenarios).toEqual(everyOne);
  });

  it('measures the table at its 1,000 clients, whatever the profile', () => {
    for (const sizes of Object.values(OVERHEAD_SIZES)) expect(sizes.clients[0]).toBe(1000);
  });
});
