import type { SummaryRow } from '../results/summary-csv.ts';
import { median } from './format.ts';
import { medianCi, medianRatioCi, type MedianCi, type RatioCi } from '../stats/index.ts';

/** Every trial's value of each metric, per scenario and transport: what the report tables read. */
export class FigureTable {
  readonly #values = new Map<string, number[]>();
  readonly transports: string[] = [];

  constructor(rows: readonly SummaryRow[], readonly scenario: string) {
    for (const r of rows) {
      if (r.scenario !== scenario) continue;
      if (!this.transports.includes(r.transport)) this.transports.push(r.transport);
      const key = `${r.transport}\u0000${r.metric}`;
      const list = this.#values.get(key) ?? [];
      list.push(r.value);
      this.#values.set(key, list);
    }
  }

  values(transport: string, metric: string): number[] {
    return this.#values.get(`${transport}\u0000${metric}`) ?? [];
  }

  /** The median across trials, or undefined when the transport has no such figure. */
  median(transport: string, metric: string): number | undefined {
    return median(this.values(transport, metric));
  }

  /** The median across trials with its 95% bootstrap interval; undefined without values. */
  ci(transport: string, metric: string): MedianCi | undefined {
    const values = this.values(transport, metric);
    return values.length === 0 ? undefined : medianCi(values);
  }

  /** transport's median over base's, with a 95% bootstrap interval: e.g. a transport against `tcp`. */
  ratioCi(transport: string, base: string, metric: string): RatioCi | undefined {
    const head = this.values(transport, metric);
    const floor = this.values(base, metric);
    if (head.length === 0 || floor.length === 0) return undefined;
    const r = medianRatioCi(head, floor);
    return Number.isFinite(r.ratio) ? r : undefined;
  }

  /** Transports that measured this metric, best (lowest) first. */
  ranked(metric: string): { transport: string; value: number }[] {
    return this.transports
      .map((transport) => ({ transport, value: this.median(transport, metric) }))
      .filter((e): e is { transport: string; value: number } => e.value !== undefined)
      .sort((a, b) => a.value - b.value);
  }
}
