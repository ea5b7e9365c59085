import type { ClientConnection } from '../../clients/transport.ts';
import type { Delivery, LoadJob } from '../../protocol/control.ts';
import { MESSAGE_KINDS, decode, encodePadded, nowUs } from '../../protocol/envelope.ts';
import { DeliveryCounter, NO_DELIVERY, addDelivery } from '../delivery.ts';
import { createHistogram, decodeHistogram, encodeHistogram, recordUs, summarize, type Histogram } from '../histogram.ts';
import { serverFigures } from './server-figures.ts';
import type { Figure, LoadContext, Scenario } from './scenario.ts';

/**
 * One connection's closed loop: send one echo, wait for it, send the next. Warm-up round trips take
 * the numbers before the measured ones, so a late warm-up reply is never mistaken for a measured one.
 */
class EchoLoop {
  #conn: ClientConnection | undefined;
  #seq = 0;
  #waiting: { seq: number; sentUs: number; resolve: (atUs: number | undefined) => void } | undefined;
  #measured: DeliveryCounter | undefined;
  #firstMeasured = 0;

  constructor(
    private readonly sender: string,
    private readonly job: LoadJob,
  ) {}

  async open(ctx: LoadContext): Promise<void> {
    this.#conn = await ctx.connect((text) => this.#onMessage(text));
  }

  #onMessage(text: string): void {
    const seq = decode(text)?.seq ?? -1;
    if (this.#measured && seq >= this.#firstMeasured) this.#measured.record(seq - this.#firstMeasured);
    if (this.#waiting?.seq === seq) this.#waiting.resolve(nowUs());
  }

  /** Runs `count` round trips; records their latency when a histogram is given. */
  async run(count: number, histogram?: Histogram): Promise<Delivery> {
    const conn = this.#conn;
    if (!conn) throw new Error('echo loop not open');
    if (histogram) {
      this.#firstMeasured = this.#seq;
      this.#measured = new DeliveryCounter(count);
    }
    // one watchdog per loop rather than a timer per message: the loop is the hot path
    const watchdog = setInterval(() => {
      const w = this.#waiting;
      if (w && nowUs() - w.sentUs > this.job.replyTimeoutMs * 1000) w.resolve(undefined);
    }, Math.max(10, this.job.replyTimeoutMs / 4));
    try {
      for (let i = 0; i < count; i++) {
        const seq = this.#seq++;
        const sentUs = nowUs();
        const reply = new Promise<number | undefined>((resolve) => (this.#waiting = { seq, sentUs, resolve }));
        conn.send(encodePadded({ kind: MESSAGE_KINDS.echo, sender: this.sender, seq, sentUs }, this.job.payloadBytes));
        const atUs = await reply;
        this.#waiting = undefined;
        if (atUs !== undefined && histogram) recordUs(histogram, atUs - sentUs);
      }
    } finally {
      clearInterval(watchdog);
    }
    return this.#measured?.result() ?? NO_DELIVERY;
  }

  close(): Promise<void> {
    return this.#conn?.close() ?? Promise.resolve();
  }
}

export const echo: Scenario = {
  name: 'echo',
  description: 'closed loop: every connection sends one message, waits for its echo, and sends the next',

  async load(ctx) {
    const { job } = ctx;
    const loops = Array.from({ length: job.connections }, (_, i) => new EchoLoop(`c${i}`, job));
    try {
      await Promise.all(loops.map((l) => l.open(ctx)));
      await Promise.all(loops.map((l) => l.run(job.warmup)));
      const rtt = createHistogram();
      await ctx.mark('start');
      const cpu = process.cpuUsage();
      const startUs = nowUs();
      const deliveries = await Promise.all(loops.map((l) => l.run(job.messages, rtt)));
      const elapsedUs = nowUs() - startUs;
      const used = process.cpuUsage(cpu);
      await ctx.mark('end');
      return {
        histograms: { rtt: encodeHistogram(rtt) },
        delivery: deliveries.reduce(addDelivery, NO_DELIVERY),
        elapsedUs,
        cpuUs: used.user + used.system,
      };
    } finally {
      await Promise.allSettled(loops.map((l) => l.close()));
    }
  },

  figures({ result, marks }) {
    const encoded = result.histograms['rtt'];
    const figures: Figure[] = [];
    if (encoded !== undefined) {
      const s = summarize(decodeHistogram(encoded));
      figures.push(
        { metric: 'rtt_p50', value: s.p50, unit: 'us' },
        { metric: 'rtt_p99', value: s.p99, unit: 'us' },
        { metric: 'rtt_p999', value: s.p999, unit: 'us' },
        { metric: 'rtt_max', value: s.max, unit: 'us' },
        { metric: 'rtt_mean', value: s.mean, unit: 'us' },
      );
    }
    const d = result.delivery;
    figures.push({ metric: 'msgs_per_s', value: d.delivered / (result.elapsedUs / 1e6), unit: 'msg/s' });
    figures.push(...serverFigures(marks, d));
    figures.push(
      { metric: 'sent', value: d.sent, unit: 'count' },
      { metric: 'delivered', value: d.delivered, unit: 'count' },
      { metric: 'lost', value: d.lost, unit: 'count' },
      { metric: 'duplicated', value: d.duplicated, unit: 'count' },
      { metric: 'reordered', value: d.reordered, unit: 'count' },
    );
    return figures;
  },
};
