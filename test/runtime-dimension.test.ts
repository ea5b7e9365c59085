import { describe, expect, it } from 'vitest';
import { parseOptions } from '../bench/cli/bench-options.ts';
import { planPoints, unsupportedPairs } from '../bench/run/plan.ts';
import { runPrimaryRuntime } from '../bench/results/point-runtime.ts';
import type { RunRecord } from '../bench/results/run-record.ts';
import { CSV_HEADER, toCsv } from '../bench/results/summary-csv.ts';
import { parseSummaryCsv } from '../bench/compare/read-figures.ts';

function config(args: string[]) {
  const parsed = parseOptions([...args, '--quiet']);
  if (parsed.help) throw new Error('unexpected --help');
  return parsed.config;
}

describe('runtimes in the plan', () => {
  it('runs each transport on each named runtime it can run on, and names the pairs it leaves out', () => {
    const c = config(['--runtimes', 'node24,bun,node20', '--transports', 'ws,bun-ws,ws-builtin', '--scenarios', 'echo', '--trials', '1']);
    const pairs = planPoints(c).map((p) => `${p.transport}@${p.runtime}`);
    expect(pairs.sort()).toEqual(['bun-ws@bun', 'ws-builtin@bun', 'ws-builtin@node24', 'ws@bun', 'ws@node20', 'ws@node24']);
    expect(unsupportedPairs(c).map((p) => `${p.transport}@${p.runtime}`)).toEqual(['bun-ws@node24', 'bun-ws@node20', 'ws-builtin@node20']);
  });

  it('defaults to node24, the LTS line npm ci installs', () => {
    expect(config(['--transports', 'ws']).runtimes).toEqual(['node24']);
    expect(planPoints(config(['--transports', 'ws', '--scenarios', 'echo', '--trials', '1'])).map((p) => p.runtime)).toEqual(['node24']);
  });

  it('reads a run from before runtimes as the Node its environment names', () => {
    const old = { config: { transports: ['ws'] }, environment: { node: 'v20.20.2' } } as unknown as RunRecord;
    expect(runPrimaryRuntime(old)).toBe('node20');
  });
});

describe('summary.csv with and without the runtime column', () => {
  const v1 = 'run_id,trial,client,transport,scenario,payload_bytes,connections,rate_per_s,metric,value,unit\nr1,1,node,ws,echo,64,1,,rtt_p50,120,us\n';
  const v2 = `${CSV_HEADER}\nr2,1,node,ws,echo,64,1,,rtt_p50,120,us,bun\n`;

  it('reads a file from before runtimes, its rows with no runtime of their own', () => {
    const [row] = parseSummaryCsv(v1, 'old.csv');
    expect(row).toMatchObject({ transport: 'ws', metric: 'rtt_p50', value: 120, unit: 'us' });
    expect(row?.runtime).toBeUndefined();
  });

  it('reads the runtime from the last column, and writes it back there', () => {
    const rows = parseSummaryCsv(v2, 'new.csv');
    expect(rows[0]?.runtime).toBe('bun');
    expect(toCsv(rows)).toBe(v2);
  });
});
