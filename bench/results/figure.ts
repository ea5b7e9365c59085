/** One figure of a point, before it gets the run's columns (see summary-csv.ts). */
export interface Figure {
  metric: string;
  value: number;
  unit: 'us' | 'ns' | 'msg/s' | 'B/s' | 'B' | 'count' | 'pct' | 'ratio';
  /**
   * Where one point measures several sizes, counts or rates (a payload sweep, idle at several
   * connection counts, throughput steps), the figure names its own; otherwise the job's apply.
   */
  payloadBytes?: number;
  connections?: number;
  ratePerS?: number;
}
