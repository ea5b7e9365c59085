import { echo } from './echo.ts';
import { throughput } from './throughput.ts';
import { push } from './push.ts';
import { fanout } from './fanout.ts';
import type { Scenario } from './scenario.ts';

/** Scenario name -> scenario. */
export const SCENARIOS: Record<string, Scenario> = {
  echo,
  throughput,
  push,
  fanout,
};
