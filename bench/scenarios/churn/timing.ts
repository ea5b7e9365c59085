/** The churn scenario's own timing, which its report states. */
/** After the last broadcast: how long stragglers may take to reconnect and catch up. */
export const GRACE_MS = 1_500;
export const POLL_MS = 20;
/**
 * With every dropped connection back, the broadcast goes on this long, so that each shows it receives
 * again, and then ends short of its window: only EventSource's 3 s retry needs all of it.
 */
export const SETTLE_MS = 1_000;
