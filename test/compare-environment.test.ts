import { describe, expect, it } from 'vitest';
import { environmentDiff, environmentMarkdown } from '../bench/compare/environment-diff.ts';
import type { RunRecord } from '../bench/results/run-record.ts';

/** A run whose one measured point's processes loaded `server` and `load`. Cast: only what the diff reads. */
function run(node: string, server: Record<string, string[]>, load: Record<string, string[]>): RunRecord {
  return {
    environment: { node, v8: '12.4', packages: { ws: 'from package.json' } },
    points: [{ status: 'ok', serverPackages: server, result: { packages: load } }, { status: 'failed' }],
  } as unknown as RunRecord;
}

describe('environmentDiff', () => {
  it('names each library whose loaded versions differ, and the runtime', () => {
    const base = run('v22.1.0', { ws: ['8.17.1'], 'socket.io': ['4.7.5'], 'engine.io': ['6.5.4'] }, { ws: ['8.17.1'] });
    const head = run('v22.2.0', { ws: ['8.18.0'], 'socket.io': ['4.7.5'], 'engine.io': ['6.6.0'] }, { ws: ['8.17.1'] });
    const d = environmentDiff(base, head);
    expect(d.changed).toEqual([
      { name: 'node', base: ['v22.1.0'], head: ['v22.2.0'] },
      { name: 'engine.io', base: ['6.5.4'], head: ['6.6.0'] },
      // the server loaded 8.18.0 and the load process still 8.17.1: both are named
      { name: 'ws', base: ['8.17.1'], head: ['8.17.1', '8.18.0'] },
    ]);
    const md = environmentMarkdown(d).join('\n');
    expect(md).toMatch(/\| engine\.io \| 6\.5\.4 \| 6\.6\.0 \|/);
    expect(md).toMatch(/\| ws \| 8\.17\.1 \| 8\.17\.1 \+ 8\.18\.0 \|/);
  });

  it('says so when nothing differs, and names a library only one side loaded', () => {
    const base = run('v22.1.0', { ws: ['8.17.1'] }, {});
    expect(environmentDiff(base, base).changed).toEqual([]);
    expect(environmentMarkdown(environmentDiff(base, base)).join('\n')).toMatch(/the same node and library versions/);
    const head = run('v22.1.0', { ws: ['8.17.1'], bufferutil: ['4.1.0'] }, {});
    expect(environmentDiff(base, head).changed).toEqual([{ name: 'bufferutil', base: [], head: ['4.1.0'] }]);
  });
});
