/** Resolves after `ms`: the one sleep every load loop and scenario uses. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
