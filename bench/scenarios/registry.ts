import { echo } from './echo.ts';
import type { Scenario } from './scenario.ts';

/** Scenario name -> scenario. */
export const SCENARIOS: Record<string, Scenario> = {
  echo,
};
