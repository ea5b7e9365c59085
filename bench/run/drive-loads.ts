import type { CapturedWindow, FromLoad, FromServer, LoadJob, LoadResult, ServerStats } from '../../protocol/control.ts';
import { WirebenchError } from '../errors.ts';
import type { Child } from '../processes/child-process.ts';
import type { ServerSide } from '../services/server-side.ts';
import { MarkBarrier } from './mark-barrier.ts';

/** A load process's failure as the point's: its code kept (a timeout stays one), its message said to be the load's, its stack the child's. */
function asLoadFailure(e: unknown): WirebenchError {
  const code = e instanceof WirebenchError ? e.code : 'WB_LOAD';
  const failure = new WirebenchError(code, `load: ${(e as Error).message}`, { cause: e });
  if (e instanceof Error && e.stack) failure.stack = e.stack;
  return failure;
}

/**
 * How long one control request to the server (stats, gc, a capture window) may take: a forced GC in
 * each of a node:cluster's workers holding 17,000 connections each took over 5 s here with other work on
 * both cores. A server that answers at all answers far sooner; this only bounds one that never does.
 */
const CONTROL_TIMEOUT_MS = 60_000;

export interface DrivenLoads {
  results: LoadResult[];
  /** the server's stats at each mark the scenario set */
  marks: Record<string, ServerStats>;
  captures: Record<string, CapturedWindow>;
}

/**
 * Sends the job to every load process and answers what they ask while the scenario runs: a mark reads
 * the server's stats (after a forced GC when asked) once all of them have reached it, a capture window
 * opens and closes at a barrier too, so every worker's traffic falls inside it. Resolves with every
 * process's result; rejects when one fails, the server dies or the point takes longer than `timeoutMs`.
 * The stats of every mark are written into `marks` as they come (the caller's, when given), so a point
 * that fails part-way still has what it measured before the failure; so is each load process's last
 * progress (wb:progress) into `progress`, by worker.
 */
export function driveLoads(
  loads: readonly Child[],
  job: LoadJob,
  server: ServerSide,
  timeoutMs: number,
  onMark?: (name: string) => void,
  marks: Record<string, ServerStats> = {},
  progress: unknown[] = [],
): Promise<DrivenLoads> {
  const captures: Record<string, CapturedWindow> = {};
  return new Promise<DrivenLoads>((resolve, reject) => {
    const gcMarks = new Set<string>();
    const barrier = new MarkBarrier(loads.length, async (name) => {
      try {
        if (server.readsStats === false) return; // an own server: the mark only lines the workers up
        if (gcMarks.has(name)) await server.request({ t: 'wb:gc' }, CONTROL_TIMEOUT_MS);
        const reply = await server.request<Extract<FromServer, { t: 'wb:stats' }>>({ t: 'wb:stats' }, CONTROL_TIMEOUT_MS);
        marks[name] = reply.stats;
      } finally {
        onMark?.(name);
      }
    });
    const captureBarrier = new MarkBarrier(loads.length, async (key) => {
      const [action, name = ''] = key.split(':');
      if (action === 'start') await server.request({ t: 'wb:capture-start' }, CONTROL_TIMEOUT_MS);
      else captures[name] = (await server.request<Extract<FromServer, { t: 'wb:capture-stop' }>>({ t: 'wb:capture-stop' }, CONTROL_TIMEOUT_MS)).window;
    });
    const failed = (what: string) => (e: unknown) => reject(new WirebenchError('WB_SERVER', `server ${what}: ${(e as Error).message}`, { cause: e }));
    loads.forEach((load, worker) => {
      load.process.on('message', (m: FromLoad) => {
        if (m.t === 'wb:capture') {
          captureBarrier.arrive(`${m.action}:${m.name}`, () => load.send({ t: 'wb:marked', id: m.id })).catch(failed('capture'));
          return;
        }
        if (m.t === 'wb:ping') {
          // the server's control path is warmed too: a mark reads its stats at the window's start
          const warmed = server.readsStats === false ? Promise.resolve() : server.request({ t: 'wb:stats' }, CONTROL_TIMEOUT_MS);
          warmed.then(() => load.send({ t: 'wb:marked', id: m.id }), failed('stats'));
          return;
        }
        if (m.t === 'wb:progress') {
          progress[worker] = m.data;
          return;
        }
        if (m.t !== 'wb:mark') return;
        if (m.gc) gcMarks.add(m.name);
        barrier.arrive(m.name, () => load.send({ t: 'wb:marked', id: m.id })).catch(failed('stats'));
      });
      load.send({ t: 'wb:run', job: { ...job, worker } });
    });
    Promise.all(loads.map((load) => load.waitFor<Extract<FromLoad, { t: 'wb:result' }>>('wb:result', timeoutMs))).then(
      (replies) => resolve({ results: replies.map((r) => r.result), marks, captures }),
      (e: unknown) => reject(asLoadFailure(e)),
    );
    void server.exited.then(() => reject(new WirebenchError('WB_SERVER', `server ${server.describeExit()}`)));
  });
}
