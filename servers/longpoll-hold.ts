/** How long the long-poll server holds a poll open with nothing to say before it answers it empty. */
export const POLL_HOLD_MS = 25_000;
