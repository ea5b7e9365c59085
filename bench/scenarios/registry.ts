import { echo } from './echo.ts';
import { throughput } from './throughput.ts';
import { push } from './push.ts';
import { fanout } from './fanout.ts';
import { wire } from './wire.ts';
import { overhead } from './overhead.ts';
import { micro } from './micro.ts';
import { connect } from './connect.ts';
import { idle } from './idle.ts';
import { churn } from './churn.ts';
import type { Scenario } from './scenario.ts';

/** Scenario name -> scenario. */
export const SCENARIOS: Record<string, Scenario> = {
  echo,
  throughput,
  push,
  fanout,
  wire,
  overhead,
  micro,
  connect,
  idle,
  churn,
};
