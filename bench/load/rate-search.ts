/**
 * The search for a limit: the highest rate at which a step still passes. Rates double from the start
 * until the first step fails (go down from the start when even it fails: see nextRate), then the bracket between the last
 * pass and the first failure is bisected until its width is within `resolution` of the rate that passed,
 * so that the limit found is the transport's, not a ceiling of the search's own. Every step is bounded
 * in time by its caller; the search by `maxSteps`. With `confirmTop` the bracket's top is tried once
 * more at the end, and reopened when it passes (searchLimit).
 */
export interface SearchPlan {
  startRate: number;
  /** the bracket is narrowed until (first failure - last pass) / last pass is at most this */
  resolution: number;
  /** below this rate the search gives up: nothing passed */
  floorRate: number;
  maxSteps: number;
  /**
   * when the bracket is found, its top (the lowest rate that failed) is tried once more, and a pass
   * there reopens the search above it: see searchLimit
   */
  confirmTop?: boolean;
}

/** Where a search ended: the bracket the limit lies in. */
export interface SearchOutcome {
  /** the highest rate that passed, 0 when none did */
  lastPass: number;
  /** the lowest rate that failed above it, undefined when the search ran out of steps before any failed */
  firstFail: number | undefined;
  steps: number;
}

/** What one step showed: whether its rate passed, and what it delivered a second (measured) when known. */
export interface StepOutcome {
  passed: boolean;
  deliveredPerS?: number;
}

/**
 * The next rate to try after a step at `rate`, or undefined when the bracket is narrow enough or nothing
 * passes. Before anything has passed, a failure goes down to half its rate, or straight to what it
 * delivered a second when that is lower: a transport that answered 40 of 1,000 a second is tried at 40,
 * not at 500, 250, 125 and 62 first, each failing only after its drain.
 */
export function nextRate(rate: number, outcome: StepOutcome, state: { lastPass: number; firstFail: number | undefined }, plan: SearchPlan): number | undefined {
  if (outcome.passed) state.lastPass = Math.max(state.lastPass, rate);
  else state.firstFail = Math.min(state.firstFail ?? Infinity, rate);
  const { lastPass, firstFail } = state;
  if (firstFail === undefined) return rate * 2;
  if (lastPass === 0) {
    const lower = Math.floor(Math.min(rate / 2, outcome.deliveredPerS ?? Infinity));
    if (lower >= plan.floorRate) return lower;
    // what it delivered is under the floor: the floor itself is the last rate worth a step
    return rate > plan.floorRate ? plan.floorRate : undefined;
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
export async function searchLimit(plan: SearchPlan, step: (rate: number, index: number) => Promise<StepOutcome | 'stop'>): Promise<SearchOutcome> {
  const state: { lastPass: number; firstFail: number | undefined } = { lastPass: 0, firstFail: undefined };
  let rate: number | undefined = plan.startRate;
  let steps = 0;
  let confirmed = !plan.confirmTop;
  const failed: number[] = [];
  for (;;) {
    while (rate !== undefined && steps < plan.maxSteps) {
      const outcome = await step(rate, steps++);
      if (outcome === 'stop') return { ...state, steps };
      if (!outcome.passed) failed.push(rate);
      rate = nextRate(rate, outcome, state, plan);
    }
    // the top of the bracket is a failure from seconds ago, and every rate under it is bounded by it. This
    // machine's speed steps by tens of percent for seconds at a time, longer than a step and its retry:
    // socketio at 1 connection failed 48,000 msg/s twice (p99 16 and 11 ms, its server at 51% of a core)
    // and read 46,281, where two runs minutes before read 104,000 and 110,000. So the top is tried once
    // more at the end; if it passes now, the search goes on above it, with the failure above it as its top.
    const top = state.firstFail;
    if (confirmed || top === undefined || state.lastPass === 0 || steps >= plan.maxSteps) break;
    confirmed = true;
    const outcome = await step(top, steps++);
    if (outcome === 'stop' || !outcome.passed) break;
    const above = failed.filter((r) => r > top);
    state.firstFail = above.length > 0 ? Math.min(...above) : undefined;
    rate = nextRate(top, outcome, state, plan);
  }
  return { ...state, steps };
}

/**
 * Where a search starts: half the rate its closed-loop warm-up reached (throughput's echoes, broadcast's
 * rounds), two significant digits, and never below the profile's start. With several in flight the
 * warm-up runs near what the transport can do at all, so half of it is most often a pass: a fast
 * transport skips five or six doublings (about 2.5 s a search), a slow one starts where it did.
 */
export function startFromWarmUp(profileStart: number, warmupPerS: number | undefined): number {
  if (warmupPerS === undefined || !Number.isFinite(warmupPerS) || warmupPerS / 2 <= profileStart) return profileStart;
  const half = warmupPerS / 2;
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(half)) - 1);
  return Math.max(profileStart, Math.floor(half / unit) * unit);
}
