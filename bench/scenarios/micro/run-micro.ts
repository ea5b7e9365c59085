import { Bench } from 'tinybench';
import { MESSAGE_KINDS, encodePadded } from '../../../protocol/envelope.ts';
import type { MicroCase } from '../../../transports/micro/case.ts';

/** One transport's cases (its descriptor's `micro`). */
export interface MicroCases {
  transport: string;
  cases: readonly MicroCase[];
}

export interface MicroOptions {
  /** size of the message framed or parsed, as everywhere in the suite (default 64) */
  payloadBytes?: number;
  /** time budget per benchmark, ms (tinybench `time`; default 250) */
  timeMs?: number;
  /** at least this many samples per benchmark (tinybench `iterations`; default 64) */
  samples?: number;
  /** warm-up per benchmark, ms (default 50) */
  warmupMs?: number;
  /**
   * Operations per sample. Framing a small message takes about as long as reading the clock, so one
   * operation per sample would measure the timer: a sample of many makes the timer's share negligible.
   */
  opsPerSample?: number;
}

export interface MicroResult {
  transport: string;
  operation: string;
  /** mean CPU time of one operation, ns */
  nsPerOp: number;
  /** relative margin of error of that mean, % (95% confidence, tinybench's rme) */
  rmePct: number;
  samples: number;
  /** set when the benchmark failed: then the numbers are NaN (a failure is a result, not a crash) */
  error?: string;
}

const DEFAULTS = { payloadBytes: 64, timeMs: 250, samples: 64, warmupMs: 50, opsPerSample: 100 };

/** Runs every case on one message of the given size, one after another on this thread. */
export async function runMicro(groups: readonly MicroCases[], options: MicroOptions = {}): Promise<MicroResult[]> {
  const o = { ...DEFAULTS, ...options };
  const text = encodePadded({ kind: MESSAGE_KINDS.echo, sender: 'c0', seq: 1, sentUs: 1 }, o.payloadBytes);
  const cases = groups.flatMap(({ transport, cases }) => cases.map((c) => ({ ...c, transport })));
  const bench = new Bench({ time: o.timeMs, iterations: o.samples, warmupTime: o.warmupMs, warmupIterations: 1 });
  let sink = 0;
  for (const c of cases) {
    const op = c.prepare(text);
    bench.add(`${c.transport} ${c.operation}`, () => {
      for (let i = 0; i < o.opsPerSample; i++) if (op() !== undefined) sink++;
    });
  }
  await bench.run();
  if (sink < 0) throw new Error('unreachable: keeps the results alive');
  return cases.map((c, i) => toResult(c, bench.tasks[i]?.result, o.opsPerSample));
}

type TaskResult = NonNullable<Bench['tasks'][number]['result']>;

function toResult(c: MicroCase & { transport: string }, result: TaskResult | undefined, opsPerSample: number): MicroResult {
  const base = { transport: c.transport, operation: c.operation };
  if (result && 'latency' in result) {
    // latency is per sample, in ms
    return { ...base, nsPerOp: (result.latency.mean * 1e6) / opsPerSample, rmePct: result.latency.rme, samples: result.latency.samplesCount };
  }
  const error = result && 'error' in result ? result.error.message : `benchmark ${result?.state ?? 'not run'}`;
  return { ...base, nsPerOp: Number.NaN, rmePct: Number.NaN, samples: 0, error };
}
