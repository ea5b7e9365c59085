import { MultiBar, Presets } from 'cli-progress';
import type { PointRecord } from '../results/run-record.ts';
import type { Orchestrator } from '../run/orchestrator.ts';
import { readable } from '../report/format.ts';
import { firstLine } from '../errors.ts';

export interface Progress {
  /** Ends the display (the bar is left complete on its line). */
  stop(): void;
}

function describe(point: PointRecord): string {
  const client = point.client === 'browser' ? ' (browser)' : '';
  const what =
    point.status === 'ok'
      ? point.result.delivery ? `ok, ${readable(point.result.delivery.delivered)} of ${readable(point.result.delivery.sent)} delivered` : 'ok (it moves no messages)'
      : `FAILED: ${firstLine(point.error.message)}`;
  return `trial ${point.trial} ${point.scenario} ${point.transport}${client}: ${what}`;
}

/**
 * Progress on stderr, never mixed with data on stdout: a bar with the ETA and the point under way when
 * stderr is a terminal (cli-progress), failures printed above it; one line per finished point when it
 * is not (a log, CI), so that the record reads well afterwards.
 */
export function printProgress(orchestrator: Orchestrator, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) {
    const started = Date.now();
    orchestrator.on('point-end', (point, index, total) => {
      const done = index + 1;
      const eta = Math.round(((Date.now() - started) / 1000 / done) * (total - done));
      stream.write(`[${String(done).padStart(String(total).length)}/${total}] ${describe(point)} (eta ${eta}s)\n`);
    });
    return { stop: () => {} };
  }
  const bars = new MultiBar(
    { stream, format: ' {bar} {value}/{total} points | ETA {eta_formatted} | {point}', hideCursor: true, etaBuffer: 20 },
    Presets.shades_classic,
  );
  let bar: ReturnType<MultiBar['create']> | undefined;
  orchestrator.on('point-start', (plan, _index, total) => {
    bar ??= bars.create(total, 0, { point: '' });
    bar.update({ point: `${plan.scenario} ${plan.transport}${plan.client === 'browser' ? ' (browser)' : ''}` });
  });
  orchestrator.on('point-end', (point) => {
    if (point.status !== 'ok') bars.log(`${describe(point)}\n`);
    bar?.increment();
  });
  return { stop: () => bars.stop() };
}
