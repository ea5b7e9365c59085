import { join } from 'node:path';
import type { FromServer, LoadJob, ServerStats } from '../../protocol/control.ts';
import { errorRecord } from '../errors.ts';
import { ROOT, type Child } from '../processes/child-process.ts';
import { describePoint } from '../results/describe-point.ts';
import { mergeLoadResults } from '../results/merge-load-results.ts';
import type { FailedPointRecord, PointRecord } from '../results/run-record.ts';
import { scenarioNamed } from '../scenarios/registry.ts';
import { transportNamed } from '../../transports/registry.ts';
import { OwnServer } from '../services/own-server.ts';
import { RemoteTarget } from '../services/remote-target.ts';
import { ServerGroup } from '../services/server-group.ts';
import type { ServerSide } from '../services/server-side.ts';
import type { BenchConfig } from './config.ts';
import { driveLoads } from './drive-loads.ts';
import type { PointPlan } from './plan.ts';
import { jobFor, pointScale } from './point-job.ts';
import { reserveSources } from './source-addresses.ts';
import { CONNECTIONS_PER_SOURCE } from './scale.ts';
import { CLUSTER_WORKERS_ENV } from '../processes/cluster-primary.ts';

const SERVER_ENTRY = join(ROOT, 'bench', 'processes', 'server-process.ts');
const YARDSTICK_ENTRY = join(ROOT, 'bench', 'calibration', 'ping-pong-server.ts');
/** one entry for the Node and the browser client alike: the job says which (bench/processes/load-process.ts) */
const LOAD_ENTRY = join(ROOT, 'bench', 'processes', 'load-process.ts');
const START_TIMEOUT_MS = 20_000;
/** More per node:cluster worker: six workers loading socket.io on a core other work shares took over 20 s here. */
export const WORKER_START_MS = 15_000;
/**
 * How long the server may take to list its loaded packages after the point: a cluster of six socket.io
 * workers holding 100,000 connections beside ws's 100,000 did not answer within 5 s here.
 */
const MODULES_TIMEOUT_MS = 60_000;
/** gc() on request (wb:gc), so that memory per connection is read from live memory only */
const SERVER_NODE_ARGS = ['--expose-gc'];
/** a load process reads its own memory after a GC too (idle's client side: load/client-memory.ts) */
const LOAD_NODE_ARGS = ['--expose-gc'];


/** Forks a child of the run on the server's or the load's core (the orchestrator pins and tracks it). */
export type Fork = (entry: string, role: 'server' | 'load', args?: string[], nodeArgs?: string[], env?: Record<string, string>) => Child;

/** The server end of a point: a target started elsewhere, or the transport's own processes and services. */
function serverSideFor(plan: PointPlan, config: BenchConfig, fork: Fork): ServerSide {
  if (config.target?.own) return new OwnServer(config.target);
  if (config.target) return new RemoteTarget(config.target);
  // a cluster's processes (and its services) all share the server's core: the load keeps its own; a
  // node:cluster's primary forks its workers itself (bench/processes/cluster-primary.ts)
  const workers = pointScale(plan, config)?.serverWorkers ?? 0;
  const cluster: Record<string, string> = workers > 0 ? { [CLUSTER_WORKERS_ENV]: String(workers) } : {};
  return new ServerGroup(plan.transport, (env) => fork(SERVER_ENTRY, 'server', [plan.transport], SERVER_NODE_ARGS, { ...env, ...cluster }));
}

/** What the server processes loaded, asked once the load is over; a remote target or your own server cannot say (undefined). */
/**
 * The packages the server loaded, or undefined when it cannot say: the point was measured by then, and
 * a listing that does not come back loses the listing (the environment shows none for that point), not
 * the measurement, as it did once (a 100,000-connection idle point failed on it after measuring).
 */
async function packagesOf(server: ServerSide): Promise<Record<string, string[]> | undefined> {
  if (server instanceof RemoteTarget || server instanceof OwnServer) return undefined;
  try {
    const reply = await server.request<Extract<FromServer, { t: 'wb:modules' }>>({ t: 'wb:modules' }, MODULES_TIMEOUT_MS);
    return reply.packages;
  } catch {
    return undefined;
  }
}

/**
 * What a failed point had measured: its load processes' last progress merged by the scenario, and the
 * scenario's figures of it. Only when every load process sent some (a part is not the whole point's), and
 * never at the cost of the failure's record: a scenario that cannot make figures of it keeps none.
 */
function partialOf(name: string, job: LoadJob, loads: number, progress: readonly unknown[], marks: Record<string, ServerStats>): Pick<FailedPointRecord, 'partial' | 'figures'> {
  const scenario = scenarioNamed(name);
  const parts = Array.from({ length: loads }, (_, i) => progress[i]);
  if (!scenario.partialFigures || loads === 0 || parts.some((p) => p === undefined)) return {};
  try {
    const data = scenario.merge(parts);
    return { partial: data, figures: scenario.partialFigures({ job, sizes: job.sizes, data, marks }) };
  } catch {
    return {};
  }
}

/**
 * One point, start to end: its job, its server side, the yardstick's echo server where the profile
 * times one, its load processes; the load driven to the end, the load processes' results merged by the
 * scenario, and its figures derived once. A failure of any part is the point's, recorded whole; every
 * process the point started is stopped whatever happened.
 */
export async function runPoint(
  plan: PointPlan,
  config: BenchConfig,
  fork: Fork,
  options: { likeCalibration?: boolean; yardstick?: boolean; onMark?: (name: string) => void } = {},
): Promise<PointRecord> {
  const job = jobFor(plan, config, options);
  const scale = pointScale(plan, config);
  const wanted = scale?.sources ?? 0;
  let sources: ReturnType<typeof reserveSources> | undefined;
  const base = { trial: plan.trial, client: plan.client, transport: plan.transport, scenario: plan.scenario, ...(plan.runtime ? { runtime: plan.runtime } : {}) };
  const server = serverSideFor(plan, config, fork);
  const loads: Child[] = [];
  // the server's stats at each mark, filled as the marks are reached: kept by a point that fails after some
  const marks: Record<string, ServerStats> = {};
  // and each load process's last progress: with every one's, a failed point keeps figures of it
  const progress: unknown[] = [];
  // the yardstick's echo server shares the server's core; the two take turns (load/yardstick.ts)
  const yardstick = options.yardstick || (config.yardstickEachPoint && !config.target && !options.likeCalibration) ? fork(YARDSTICK_ENTRY, 'server') : undefined;
  try {
    if (wanted > 0) {
      sources = reserveSources(wanted);
      job.sources = { addresses: sources.addresses, perSource: scale?.perSource ?? CONNECTIONS_PER_SOURCE };
    }
    // the load processes start while the server does (each waits for its job): a second of start-up saved per point
    const env = { ...(transportNamed(plan.transport).env ?? {}) };
    for (let w = 0; w < job.workers; w++) loads.push(fork(LOAD_ENTRY, 'load', undefined, LOAD_NODE_ARGS, env));
    job.pointPids = [...loads, ...(yardstick ? [yardstick] : [])].flatMap((c) => (c.process.pid === undefined ? [] : [c.process.pid]));
    const { host, ports, pids } = await server.start(START_TIMEOUT_MS + (job.serverWorkers ?? 0) * WORKER_START_MS);
    Object.assign(job, { host, port: ports[0] ?? 0 }, ports.length > 1 ? { ports } : {}, pids ? { serverPids: pids } : {});
    if (yardstick) job.yardstickPort = (await yardstick.waitFor<{ t: string; port: number }>('wb:ready', START_TIMEOUT_MS)).port;
    const scenario = scenarioNamed(plan.scenario);
    const timeoutMs = Math.max(config.pointTimeoutMs, scenario.pointTimeoutMs?.(job.sizes, config) ?? 0);
    const { results, captures } = await driveLoads(loads, job, server, timeoutMs, options.onMark, marks, progress);
    const result = mergeLoadResults(scenario, results);
    const serverPackages = await packagesOf(server);
    return describePoint({ ...base, job, status: 'ok', result, marks, ...(Object.keys(captures).length ? { captures } : {}), ...(serverPackages ? { serverPackages } : {}) });
  } catch (error) {
    return { ...base, job, status: 'failed', error: errorRecord(error), ...(Object.keys(marks).length > 0 ? { marks } : {}), ...partialOf(plan.scenario, job, loads.length, progress, marks) };
  } finally {
    await Promise.all([server.stop(), ...loads.map((l) => l.kill()), yardstick?.kill()]);
    sources?.release();
  }
}
