/**
 * One micro benchmark: a transport's own framing or parsing of one message, nothing else. `prepare`
 * builds the inputs once (a frame to parse, an encoder) so the measured function does only the work a
 * transport does per message; it returns something derived from its work, so none of it is dead code.
 */
export interface MicroCase {
  operation: string;
  prepare(text: string): () => unknown;
}
