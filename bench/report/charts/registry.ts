import type { Chart } from './chart.ts';
import { echoBytesChart } from './echo-bytes.ts';
import { echoLatencyChart } from './echo-latency.ts';
import { throughputChart } from './throughput-steps.ts';
import { pushChart } from './push-rate.ts';
import { fanoutChart } from './fanout-latency.ts';
import { wireOverheadChart } from './wire-overhead.ts';
import { connectLatencyChart } from './connect-latency.ts';
import { idleMemoryChart } from './idle-memory.ts';
import { churnGapChart } from './churn-gap.ts';

/** Every chart the report can draw; a new scenario adds its chart file and one line here. */
export const CHARTS: readonly Chart[] = [echoLatencyChart, echoBytesChart, throughputChart, pushChart, fanoutChart, wireOverheadChart, connectLatencyChart, idleMemoryChart, churnGapChart];
