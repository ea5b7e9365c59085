import type { Delivery } from '../../../protocol/control.ts';
import { NO_DELIVERY, addDelivery } from '../../load/delivery-counter.ts';
import type { V1Result } from '../scenario.ts';
import type { OverheadSizes } from './stage.ts';

/** autocannon's own figures for a count, where it loaded the transport (one that polls on a timer). */
export interface AutocannonFigures {
  requestsPerS: number;
  bytesPerS: number;
  latencyP50Us: number;
  errors: number;
}

/** One count of clients: broadcasts sent in the window, and deliveries the clients counted. */
export interface OverheadStage {
  clients: number;
  broadcasts: number;
  /** first arrivals of the window's broadcasts at its clients (runs of schema 1: every arrival) */
  delivered: number;
  /** each client's broadcasts counted as a numbered stream; absent in runs of schema 1, which counted arrivals only */
  delivery?: Delivery;
  autocannon?: AutocannonFigures;
}

export interface OverheadData {
  stages: OverheadStage[];
  /** counts left out: this machine's open-files limit cannot hold them */
  skipped: number[];
  /** the load process's `ulimit -n`, which its sibling server shares */
  openFilesLimit?: number;
}

/**
 * Broadcasts and deliveries add over the load processes, and so do autocannon's rates and errors; its
 * latency does not (the slowest process's median is kept).
 */
export function mergeOverhead(parts: readonly OverheadData[]): OverheadData {
  const [first] = parts;
  if (!first) return { stages: [], skipped: [] };
  const stages = first.stages.map((stage, i) => {
    const all = parts.flatMap((p) => p.stages[i] ?? []);
    const cannons = all.flatMap((s) => (s.autocannon ? [s.autocannon] : []));
    const sum = (read: (s: OverheadStage) => number) => all.reduce((a, s) => a + read(s), 0);
    const autocannon =
      cannons.length === 0
        ? undefined
        : {
            requestsPerS: cannons.reduce((a, c) => a + c.requestsPerS, 0),
            bytesPerS: cannons.reduce((a, c) => a + c.bytesPerS, 0),
            latencyP50Us: Math.max(...cannons.map((c) => c.latencyP50Us)),
            errors: cannons.reduce((a, c) => a + c.errors, 0),
          };
    const counted = all.flatMap((s) => (s.delivery ? [s.delivery] : []));
    const delivery = counted.length === 0 ? {} : { delivery: counted.reduce(addDelivery, NO_DELIVERY) };
    return { clients: stage.clients, broadcasts: sum((s) => s.broadcasts), delivered: sum((s) => s.delivered), ...delivery, ...(autocannon ? { autocannon } : {}) };
  });
  const skipped = [...new Set(parts.flatMap((p) => p.skipped))];
  return { stages, skipped, ...(first.openFilesLimit === undefined ? {} : { openFilesLimit: first.openFilesLimit }) };
}

/** Schema 1 kept `delivered_<n>`, `broadcasts_<n>`, `autocannon_*_<n>`, `skipped_<n>` and `open_files_limit`. */
export function overheadFromV1(old: V1Result, sizes: OverheadSizes): OverheadData {
  const values = old.values ?? {};
  const skipped = sizes.clients.filter((n) => values[`skipped_${n}`]);
  const stages = sizes.clients
    .filter((n) => !skipped.includes(n) && values[`broadcasts_${n}`] !== undefined)
    .map((clients) => {
      const rate = values[`autocannon_requests_per_s_${clients}`];
      return {
        clients,
        broadcasts: values[`broadcasts_${clients}`] ?? 0,
        delivered: values[`delivered_${clients}`] ?? 0,
        ...(rate === undefined
          ? {}
          : {
              autocannon: {
                requestsPerS: rate,
                bytesPerS: values[`autocannon_bytes_per_s_${clients}`] ?? 0,
                latencyP50Us: values[`autocannon_latency_p50_us_${clients}`] ?? 0,
                errors: values[`autocannon_errors_${clients}`] ?? 0,
              },
            }),
      };
    });
  const limit = values['open_files_limit'];
  return { stages, skipped, ...(limit === undefined ? {} : { openFilesLimit: limit }) };
}
