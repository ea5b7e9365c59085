import { broadcast } from './broadcast/scenario.ts';
import { churn } from './churn/scenario.ts';
import { connect } from './connect/scenario.ts';
import { echo } from './echo/scenario.ts';
import { fanout } from './fanout/scenario.ts';
import { idle } from './idle/scenario.ts';
import { idleUsed } from './idle-used/scenario.ts';
import { micro } from './micro/scenario.ts';
import { overhead } from './overhead/scenario.ts';
import { push } from './push/scenario.ts';
import type { Scenario } from './scenario.ts';
import { throughput } from './throughput/scenario.ts';
import { wire } from './wire/scenario.ts';

/** Every scenario, in the order runs and the report take them: adding one is its folder and one line here. */
export const SCENARIOS: readonly Scenario[] = [echo, throughput, push, fanout, broadcast, wire, overhead, micro, connect, idle, idleUsed, churn];

const BY_NAME = new Map(SCENARIOS.map((s) => [s.name, s]));

export const SCENARIO_NAMES: readonly string[] = SCENARIOS.map((s) => s.name);

/** What runs when --scenarios is not given: every scenario that does not say why it should not. */
export const DEFAULT_SCENARIOS: readonly string[] = SCENARIOS.filter((s) => !s.notByDefault).map((s) => s.name);

export function findScenario(name: string): Scenario | undefined {
  return BY_NAME.get(name);
}

/** The scenario of a name the caller has already checked (a job, a stored point). */
export function scenarioNamed(name: string): Scenario {
  const s = BY_NAME.get(name);
  if (!s) throw new Error(`unknown scenario '${name}'; known: ${SCENARIO_NAMES.join(', ')}`);
  return s;
}
