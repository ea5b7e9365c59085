import { browserSkipReason, type Client } from '../browser/support.ts';
import { findScenario } from '../scenarios/registry.ts';
import type { BenchConfig } from './config.ts';
import { findTransport } from '../../transports/registry.ts';
import { findRuntime, primaryRuntime } from '../runtimes/catalog.ts';

/** One point to measure: a transport in a scenario in one trial, loaded by one kind of client, on one runtime. */
export interface PointPlan {
  trial: number;
  client: Client;
  transport: string;
  scenario: string;
  /** the runtime its server and load processes run on; absent: the run's first (primaryRuntime) */
  runtime?: string;
}

/** Why a transport cannot run on a runtime (its descriptor's unsupportedOn), or undefined where it can. */
export function unsupportedReason(transport: string, runtime: string): string | undefined {
  const spec = findRuntime(runtime);
  return spec ? findTransport(transport)?.unsupportedOn?.(spec) : undefined;
}

/** The pairs of the run's transports and runtimes that are not measured, with why: the report names them. */
export function unsupportedPairs(config: Pick<BenchConfig, 'transports' | 'runtimes'>): { transport: string; runtime: string; reason: string }[] {
  const runtimes = config.runtimes ?? [primaryRuntime(undefined)];
  return config.transports.flatMap((transport) =>
    runtimes.flatMap((runtime) => {
      const reason = unsupportedReason(transport, runtime);
      return reason ? [{ transport, runtime, reason }] : [];
    }),
  );
}

/** Trials a scenario gets: the run's (or its own in the profile), capped where its figures are deterministic. */
function trialsOf(config: BenchConfig, scenario: string): number {
  const wanted = config.scenarioTrials?.[scenario] ?? config.trials;
  return Math.min(wanted, findScenario(scenario)?.maxTrials ?? wanted);
}

/**
 * Every trial runs every scenario; the order of transports turns by one each trial so that drift hits
 * all alike. What a browser cannot do (raw tcp, the scenarios its page lacks) is left out, not failed;
 * so is a transport on a runtime it cannot run on (bun-ws off Bun): the report says which and why.
 */
export function planPoints(config: BenchConfig): PointPlan[] {
  const plans: PointPlan[] = [];
  const { transports, scenarios, ratePerS } = config;
  const clients = config.clients ?? ['node'];
  const runtimes = config.runtimes ?? [primaryRuntime(undefined)];
  const trials = Math.max(...scenarios.map((s) => trialsOf(config, s)));
  for (let trial = 1; trial <= trials; trial++) {
    const shift = (trial - 1) % transports.length;
    const order = [...transports.slice(shift), ...transports.slice(0, shift)];
    for (const scenario of scenarios) {
      if (trial > trialsOf(config, scenario)) continue;
      for (const client of clients) {
        for (const runtime of runtimes) {
          for (const transport of order) {
            if (client === 'browser' && browserSkipReason({ transport, scenario, ratePerS })) continue;
            if (unsupportedReason(transport, runtime)) continue;
            plans.push({ trial, client, transport, scenario, runtime });
          }
        }
      }
    }
  }
  return plans;
}
