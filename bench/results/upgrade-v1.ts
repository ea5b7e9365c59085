import type { CapturedWindow, Delivery, LoadHealth, LoadJob, ServerStats, Yardstick } from '../../protocol/control.ts';
import type { Client } from '../browser/support.ts';
import type { BenchConfig } from '../run/config.ts';
import { SCENARIOS, findScenario } from '../scenarios/registry.ts';
import { PROFILE_NAMES, type ProfileName, type V1Result } from '../scenarios/scenario.ts';
import { describePoint } from './describe-point.ts';
import { RUN_SCHEMA, type PointRecord, type RunRecord } from './run-record.ts';

/** A point as runs of schema 1 stored it: the scenario's result as a bag of numbers and histograms. */
interface V1Point {
  trial: number;
  client?: Client;
  transport: string;
  scenario: string;
  job: Omit<LoadJob, 'p99BoundUs'> & { profile?: string; sizes: Record<string, unknown> };
  status: 'ok' | 'failed';
  durationMs?: number;
  error?: string;
  result?: V1Result & { delivery: Delivery; health: LoadHealth; yardstick?: Yardstick };
  marks?: Record<string, ServerStats>;
  captures?: Record<string, CapturedWindow>;
}

export interface V1Run extends Omit<RunRecord, 'schema' | 'points' | 'config'> {
  schema: 1;
  config: Omit<BenchConfig, 'sizes' | 'p99BoundUs'> & { sizes: Record<string, unknown> };
  points: V1Point[];
}

const V1_P99_BOUND_US = 10_000;

const profileOf = (name: string): ProfileName => (PROFILE_NAMES as readonly string[]).includes(name) ? (name as ProfileName) : 'quick';

/**
 * Every scenario's sizes of a schema-1 run: those it recorded, and, for the scenarios that then took
 * theirs from the profile's name (wire, overhead, micro), that profile's.
 */
function sizesOf(run: V1Run): Record<string, unknown> {
  const profile = profileOf(run.config.profile);
  return Object.fromEntries(SCENARIOS.map((s) => [s.name, run.config.sizes[s.name] ?? s.sizes[profile]]));
}

function upgradePoint(p: V1Point, sizes: Record<string, unknown>): PointRecord {
  const { profile: _profile, ...rest } = p.job;
  // schema 1 kept the bound with throughput's sizes: 10 ms in every profile
  const job: LoadJob = { ...rest, sizes: sizes[p.scenario], p99BoundUs: V1_P99_BOUND_US };
  const base = { trial: p.trial, client: p.client ?? 'node', transport: p.transport, scenario: p.scenario, job, ...(p.durationMs === undefined ? {} : { durationMs: p.durationMs }) };
  const scenario = findScenario(p.scenario);
  if (p.status !== 'ok' || !p.result) return { ...base, status: 'failed', error: { code: 'WB_INTERNAL', message: p.error ?? 'failed' } };
  if (!scenario?.upgradeV1) return { ...base, status: 'failed', error: { code: 'WB_INTERNAL', message: `scenario '${p.scenario}' of a schema-1 run is unknown to this version` } };
  const { delivery, health, yardstick, lateSends, scheduleLagUs } = p.result;
  return describePoint({
    ...base,
    status: 'ok',
    result: {
      data: scenario.upgradeV1(p.result, job.sizes, job),
      delivery,
      ...(scheduleLagUs === undefined ? {} : { schedule: { lagUs: scheduleLagUs, lateSends: lateSends ?? 0 } }),
      health,
      ...(yardstick ? { yardstick } : {}),
    },
    marks: p.marks ?? {},
    ...(p.captures ? { captures: p.captures } : {}),
  });
}

/** A run of schema 1 as this version stores runs: each scenario reads its own old results (Scenario.upgradeV1). */
export function upgradeV1Run(run: V1Run): RunRecord {
  const sizes = sizesOf(run);
  return { ...run, schema: RUN_SCHEMA, config: { ...run.config, sizes, p99BoundUs: V1_P99_BOUND_US }, points: run.points.map((p) => upgradePoint(p, sizes)) };
}
