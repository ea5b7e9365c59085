/**
 * The suite's one error type. Its code is stable (scripts and run.json may match on it); the message is
 * one line for people. Every command catches it at the top and prints `wirebench <command>: <message>`,
 * exiting with the code's exit status; a failed point keeps code, message and stack in run.json.
 */
export const ERROR_CODES = {
  /** what the user asked for is wrong: a flag, an argument, a file that is not what it should be */
  WB_USAGE: 2,
  /** the user stopped the command (Ctrl-C or SIGTERM), as a shell reports SIGINT */
  WB_INTERRUPTED: 130,
  /** a server did not start, died, or did not answer its control channel */
  WB_SERVER: 1,
  /** a load process failed or sent no result */
  WB_LOAD: 1,
  /** a point, a step or a child took longer than it may */
  WB_TIMEOUT: 1,
  /** the measurement worked but its figures could not be derived */
  WB_FIGURES: 1,
  /** a service a transport needs (Redis) could not be started or reached */
  WB_SERVICE: 1,
  /** anything else: a bug, or a damaged file the suite wrote itself */
  WB_INTERNAL: 1,
  /**
   * the regression gate could not measure (a base that would not check out or install, a bench run that
   * wrote no results, nothing gated measured on both sides): 3, so that CI tells it from a regression (1)
   */
  WB_NOT_MEASURED: 3,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class WirebenchError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WirebenchError';
    this.code = code;
  }

  get exitCode(): number {
    return ERROR_CODES[this.code];
  }
}

/** A mistake in what the user asked for: one line, exit code 2, never a stack trace. */
export const usageError = (message: string) => new WirebenchError('WB_USAGE', message);

/** The gate could not measure what it judges: one line, exit 3. */
export const notMeasured = (message: string, cause?: unknown) => new WirebenchError('WB_NOT_MEASURED', message, { cause });

/** The user stopped the command: one line, exit 130. */
export const interrupted = (message: string) => new WirebenchError('WB_INTERRUPTED', message);

/** What a failed point keeps of its error in run.json: all of it, not its first line. */
export interface ErrorRecord {
  code: ErrorCode;
  message: string;
  stack?: string;
}

/** Any thrown value as a record: a WirebenchError keeps its code, anything else is `fallback`. */
export function errorRecord(error: unknown, fallback: ErrorCode = 'WB_INTERNAL'): ErrorRecord {
  if (error instanceof WirebenchError) return { code: error.code, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  if (error instanceof Error) return { code: fallback, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { code: fallback, message: String(error) };
}

/** The first line of a message: what a table cell or a terminal line shows. */
export const firstLine = (message: string) => message.split('\n')[0] ?? message;
