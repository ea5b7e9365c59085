import type { Orchestrator } from './orchestrator.ts';
import { readable } from './output/format.ts';

/** One line per finished point on stderr: progress never mixes with data on stdout. */
export function printProgress(orchestrator: Orchestrator, stream: NodeJS.WritableStream = process.stderr): void {
  const started = Date.now();
  orchestrator.on('point-end', (point, index, total) => {
    const done = index + 1;
    const elapsed = (Date.now() - started) / 1000;
    const eta = Math.round((elapsed / done) * (total - done));
    const what =
      point.status === 'ok'
        ? `ok, ${readable(point.result?.delivery.delivered)} of ${readable(point.result?.delivery.sent)} delivered`
        : `FAILED: ${point.error}`;
    stream.write(
      `[${String(done).padStart(String(total).length)}/${total}] trial ${point.trial} ${point.scenario} ${point.transport}${point.client === "browser" ? " (browser)" : ""}: ${what} (eta ${eta}s)\n`,
    );
  });
}
