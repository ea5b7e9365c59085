/** A problem with what the user asked for: printed as one line, exit code 2, never a stack trace. */
export class CliError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** The user stopped the command (Ctrl-C or SIGTERM): one line, exit 130 as a shell reports SIGINT. */
export class Interrupted extends Error {
  readonly exitCode = 130;
  constructor(message: string) {
    super(message);
    this.name = 'Interrupted';
  }
}
