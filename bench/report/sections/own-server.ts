import type { RunRecord } from '../../results/run-record.ts';

/**
 * What a run against a server the user wrote (`--target <url>`) measured and what it could not: said
 * in the report and the summary, since the tables read as if the suite's own server had been measured.
 */
export function ownServerNote(run: RunRecord): string | undefined {
  const own = run.config.target?.own;
  if (!own) return undefined;
  return (
    `The load went to your own server at ${own.url}. Bytes were counted on the load process's sockets ` +
    '(both ends of a loopback connection see the same bytes); server cost (CPU, event loop, memory) is ' +
    'absent: your server has no stats endpoint to read.'
  );
}

export function ownServerSection(run: RunRecord): string[] {
  const note = ownServerNote(run);
  return note ? ['## Your server', '', note, ''] : [];
}
