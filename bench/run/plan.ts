import { browserSkipReason, type Client } from '../browser/support.ts';
import { findScenario } from '../scenarios/registry.ts';
import type { BenchConfig } from './config.ts';

/** One point to measure: a transport in a scenario in one trial, loaded by one kind of client. */
export interface PointPlan {
  trial: number;
  client: Client;
  transport: string;
  scenario: string;
}

/** Trials a scenario gets: the run's (or its own in the profile), capped where its figures are deterministic. */
function trialsOf(config: BenchConfig, scenario: string): number {
  const wanted = config.scenarioTrials?.[scenario] ?? config.trials;
  return Math.min(wanted, findScenario(scenario)?.maxTrials ?? wanted);
}

/**
 * Every trial runs every scenario; the order of transports turns by one each trial so that drift hits
 * all alike. What a browser cannot do (raw tcp, the scenarios its page lacks) is left out, not failed.
 */
export function planPoints(config: BenchConfig): PointPlan[] {
  const plans: PointPlan[] = [];
  const { transports, scenarios, ratePerS } = config;
  const clients = config.clients ?? ['node'];
  const trials = Math.max(...scenarios.map((s) => trialsOf(config, s)));
  for (let trial = 1; trial <= trials; trial++) {
    const shift = (trial - 1) % transports.length;
    const order = [...transports.slice(shift), ...transports.slice(0, shift)];
    for (const scenario of scenarios) {
      if (trial > trialsOf(config, scenario)) continue;
      for (const client of clients) {
        for (const transport of order) {
          if (client === 'browser' && browserSkipReason({ transport, scenario, ratePerS })) continue;
          plans.push({ trial, client, transport, scenario });
        }
      }
    }
  }
  return plans;
}
