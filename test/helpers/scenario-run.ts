import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli-run.ts';

/** summary.csv rows of one run, looked up by transport and metric. */
export interface ScenarioRows {
  value(transport: string, metric: string, connections?: number): number | undefined;
  connections(transport: string, metric: string): number | undefined;
}

/** Runs one scenario through the real CLI (one trial, the ci profile's sizes) and reads its summary.csv. */
export async function runScenario(scenario: string, transports: string[], connections: number): Promise<ScenarioRows> {
  const out = await mkdtemp(join(tmpdir(), `wirebench-${scenario}-`));
  try {
    const args = ['--scenarios', scenario, '--transports', transports.join(','), '--connections', String(connections)];
    const result = await runCli([...args, '--profile', 'ci', '--trials', '1', '--out', out, '--quiet']);
    if (result.code !== 0) throw new Error(`cli exited ${result.code}: ${result.stderr}`);
    const rows = (await readFile(join(out, 'summary.csv'), 'utf8'))
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    const find = (transport: string, metric: string, at?: number) =>
      rows.find((r) => r[3] === transport && r[8] === metric && (at === undefined || Number(r[6]) === at));
    return {
      value: (transport, metric, at) => {
        const row = find(transport, metric, at);
        return row ? Number(row[9]) : undefined;
      },
      connections: (transport, metric) => {
        const row = find(transport, metric);
        return row ? Number(row[6]) : undefined;
      },
    };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
