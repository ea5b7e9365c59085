/** A problem with what the user asked for: printed as one line, exit code 2, never a stack trace. */
export class CliError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
