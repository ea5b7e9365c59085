import type { LoadJob } from '../../protocol/control.ts';
import { scenarioNamed } from '../scenarios/registry.ts';
import { DEFAULTS, type BenchConfig } from './config.ts';
import type { PointPlan } from './plan.ts';

/**
 * The job every load process of a point gets (its worker number set per process), before the server's
 * address is known. `likeCalibration`: closed loop on one connection, whatever the flags say, as the
 * calibration's ping-pong runs.
 */
export function jobFor(plan: PointPlan, config: BenchConfig, options: { likeCalibration?: boolean } = {}): LoadJob {
  const scenario = scenarioNamed(plan.scenario);
  const sizes = config.sizes[plan.scenario] ?? scenario.sizes.quick;
  // a scenario that holds more sockets than one process may open spreads them over more load processes;
  // one browser holds all of a point's connections: its pages, not more processes, spread them
  const workers = plan.client === 'browser' ? 1 : (scenario.workers?.(config, sizes) ?? config.workers);
  return {
    transport: plan.transport,
    scenario: plan.scenario,
    client: plan.client,
    host: '127.0.0.1',
    port: 0,
    payloadBytes: config.payloadBytes,
    ...(config.payloadKind === undefined || config.payloadKind === 'padding' ? {} : { payloadKind: config.payloadKind }),
    connections: options.likeCalibration ? 1 : config.connections,
    messages: config.messages,
    warmup: config.warmup,
    ...(config.ratePerS === undefined || options.likeCalibration ? {} : { ratePerS: config.ratePerS }),
    durationS: config.durationS,
    warmupS: config.warmupS,
    sizes,
    worker: 0,
    workers,
    replyTimeoutMs: config.replyTimeoutMs,
    // runs of schema 1 had the bound in throughput's sizes: 10 ms
    p99BoundUs: config.p99BoundUs ?? DEFAULTS.p99BoundUs,
    ...(config.target?.own ? { path: config.target.own.path, countClientBytes: true } : {}),
  };
}
