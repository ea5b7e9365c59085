/**
 * The search for a limit: the highest rate at which a step still passes. Rates double from the start
 * until the first step fails (halve from the start when even it fails), then the bracket between the last
 * pass and the first failure is bisected until its width is within `resolution` of the rate that passed,
 * so that the limit found is the transport's, not a ceiling of the search's own. Every step is bounded
 * in time by its caller; the search by `maxSteps`.
 */
export interface SearchPlan {
  startRate: number;
  /** the bracket is narrowed until (first failure - last pass) / last pass is at most this */
  resolution: number;
  /** below this rate the search gives up: nothing passed */
  floorRate: number;
  maxSteps: number;
}

/** Where a search ended: the bracket the limit lies in. */
export interface SearchOutcome {
  /** the highest rate that passed, 0 when none did */
  lastPass: number;
  /** the lowest rate that failed above it, undefined when the search ran out of steps before any failed */
  firstFail: number | undefined;
  steps: number;
}

/** The next rate to try after a step at `rate`, or undefined when the bracket is narrow enough or nothing passes. */
export function nextRate(rate: number, passed: boolean, state: { lastPass: number; firstFail: number | undefined }, plan: SearchPlan): number | undefined {
  if (passed) state.lastPass = Math.max(state.lastPass, rate);
  else state.firstFail = Math.min(state.firstFail ?? Infinity, rate);
  const { lastPass, firstFail } = state;
  if (firstFail === undefined) return rate * 2;
  if (lastPass === 0) {
    const lower = Math.floor(rate / 2);
    return lower >= plan.floorRate ? lower : undefined;
  }
  if ((firstFail - lastPass) / lastPass <= plan.resolution) return undefined;
  const mid = Math.round((lastPass + firstFail) / 2);
  // integer rates: a bracket one message a second wide cannot be split further
  return mid > lastPass && mid < firstFail ? mid : undefined;
}

/**
 * Runs steps at the rates the search chooses until it has its bracket; `step` says whether a rate
 * passed, or 'stop' when it could not tell (the search ends there, its bracket as far as it got).
 */
export async function searchLimit(plan: SearchPlan, step: (rate: number, index: number) => Promise<boolean | 'stop'>): Promise<SearchOutcome> {
  const state: { lastPass: number; firstFail: number | undefined } = { lastPass: 0, firstFail: undefined };
  let rate: number | undefined = plan.startRate;
  let steps = 0;
  while (rate !== undefined && steps < plan.maxSteps) {
    const passed = await step(rate, steps++);
    if (passed === 'stop') break;
    rate = nextRate(rate, passed, state, plan);
  }
  return { ...state, steps };
}
