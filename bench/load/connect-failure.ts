/**
 * Why a connection failed to open, in the words a reader of a large point needs: out of open files in
 * the load process (EMFILE), no free ephemeral port on its source address (EADDRNOTAVAIL), no answer in
 * time, refused by the server (ECONNREFUSED: its backlog full, or gone), or anything else.
 */
export const FAILURE_CAUSES = ['open_files', 'no_port', 'timeout', 'refused', 'other'] as const;
export type FailureCause = (typeof FAILURE_CAUSES)[number];
export type FailureCounts = Record<FailureCause, number>;

export const noFailures = (): FailureCounts => ({ open_files: 0, no_port: 0, timeout: 0, refused: 0, other: 0 });

const BY_CODE: Record<string, FailureCause> = {
  EMFILE: 'open_files',
  ENFILE: 'open_files',
  EADDRNOTAVAIL: 'no_port',
  EADDRINUSE: 'no_port',
  ETIMEDOUT: 'timeout',
  ECONNREFUSED: 'refused',
};

/** Every error code and message inside an error, where libraries wrap the socket's (cause, engine.io's description, ws's ErrorEvent.error). */
function* clues(error: unknown, depth = 0): Generator<string> {
  if (depth > 4 || typeof error !== 'object' || error === null) {
    if (typeof error === 'string') yield error;
    return;
  }
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; description?: unknown; error?: unknown };
  if (typeof e.code === 'string') yield e.code;
  if (typeof e.message === 'string') yield e.message;
  for (const inner of [e.cause, e.description, e.error]) yield* clues(inner, depth + 1);
}

export function failureCause(error: unknown): FailureCause {
  for (const clue of clues(error)) {
    const code = BY_CODE[clue] ?? Object.entries(BY_CODE).find(([c]) => clue.includes(c))?.[1];
    if (code) return code;
    if (/timed out|timeout/i.test(clue)) return 'timeout';
  }
  return 'other';
}

export function addFailures(a: FailureCounts, b: Partial<FailureCounts>): FailureCounts {
  const sum = { ...a };
  for (const cause of FAILURE_CAUSES) sum[cause] += b[cause] ?? 0;
  return sum;
}
