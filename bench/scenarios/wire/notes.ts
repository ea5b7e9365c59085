import { findTransport } from '../../../transports/registry.ts';

/** What each transport's descriptor says a reader of its byte counts should know. */
export function wireNotes(transports: readonly string[]): string[] {
  const notes = transports.flatMap((name) => {
    const note = findTransport(name)?.wireNote;
    return note ? [`- \`${name}\`: ${note}.`] : [];
  });
  return notes.length > 0 ? [...notes, ''] : [];
}
