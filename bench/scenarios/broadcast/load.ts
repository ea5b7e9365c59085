import type { ClientConnection } from '../../../clients/transport.ts';
import { MESSAGE_KINDS, nowUs, sentUsOf, seqOf } from '../../../protocol/envelope.ts';
import { messageSender } from '../../load/message-sender.ts';
import { addDelivery, DeliveryCounter, NO_DELIVERY } from '../../load/delivery-counter.ts';
import { fellBehind } from '../../load/health.ts';
import { openMany } from '../../load/open-many.ts';
import { searchLimit, startFromWarmUp } from '../../load/rate-search.ts';
import { machineStalled, STALL_RETRIES } from '../../load/stall.ts';
import { readWaits, waitedBetween } from '../../../protocol/run-queue.ts';
import { sleep } from '../../load/sleep.ts';
import { createHistogram, decodeHistogram, encodeHistogram, recordUs } from '../../stats/histogram.ts';
import type { LoadContext, ScenarioOutput } from '../scenario.ts';
import type { BroadcastData, BroadcastSearch, BroadcastStep } from './result.ts';
import { WARMUP_WINDOW, type BroadcastSizes } from './sizes.ts';

/** After a step's last broadcast, how long the room may take to receive it. */
export const DRAIN_MS = 1000;
/** How often the drain looks whether everything has arrived. */
const DRAIN_CHECK_MS = 5;

export const broadcastMark = (room: number, index: number) => `bc.${room}.${index}`;

/**
 * What the room's members receive during one step: per broadcast, when its last member got it; per
 * member, what it got, counted. Preallocated per step, so a reply costs a few array writes.
 */
class StepReceivers implements Receivers {
  readonly counters: DeliveryCounter[];
  readonly lastUs: Float64Array;
  readonly firstSeq: number;
  delivered = 0;
  lastArrivalUs = 0;

  constructor(members: number, broadcasts: number, firstSeq: number) {
    this.counters = Array.from({ length: members }, () => new DeliveryCounter(broadcasts));
    this.lastUs = new Float64Array(broadcasts);
    this.firstSeq = firstSeq;
  }

  receive(member: number, text: string): void {
    const i = seqOf(text) - this.firstSeq;
    const counter = this.counters[member];
    if (i < 0 || !counter || !counter.record(i)) return;
    const atUs = nowUs();
    this.delivered++;
    this.lastArrivalUs = atUs;
    const latency = atUs - sentUsOf(text);
    if (latency > (this.lastUs[i] ?? 0)) this.lastUs[i] = latency;
  }
}

/** Whatever takes the room's arrivals at the moment: a step's receivers, or the warm-up's. */
interface Receivers {
  receive(member: number, text: string): void;
}

/**
 * The closed-loop warm-up's receivers: per broadcast, how many members have it; when the last one does,
 * the next broadcast leaves (from inside the arrival, as the echo's closed loop sends its next message).
 */
class WarmupReceivers implements Receivers {
  readonly #arrivals: Uint32Array;
  done = 0;

  constructor(
    private readonly room: number,
    broadcasts: number,
    private readonly firstSeq: number,
    private readonly onDone: () => void,
  ) {
    this.#arrivals = new Uint32Array(broadcasts);
  }

  receive(_member: number, text: string): void {
    const i = seqOf(text) - this.firstSeq;
    if (i < 0 || i >= this.#arrivals.length) return;
    const n = (this.#arrivals[i] ?? 0) + 1;
    this.#arrivals[i] = n;
    if (n !== this.room) return;
    this.done++;
    this.onDone();
  }
}


/**
 * A discarded closed-loop warm-up: WARMUP_WINDOW broadcasts in flight, the next sent when every member
 * has one, until `count` are done or `maxMs` passed (then as long again for those in flight). It runs
 * at what the transport can do, so its server's broadcast path is optimised before the search begins,
 * and its rate says where the search may start. Returns the broadcasts a second every member got.
 */
async function warmUpRoom(ctx: LoadContext<BroadcastSizes>, sender: ClientConnection, room: number, count: number, maxMs: number, next: { seq: number; step: Receivers | undefined }): Promise<number> {
  const send = messageSender(ctx.job.payloadKind);
  let sent = 0;
  const t0 = nowUs();
  const deadline = Date.now() + maxMs;
  const broadcastOne = () => {
    if (sent >= count || Date.now() > deadline) return;
    sent++;
    send(sender, { kind: MESSAGE_KINDS.broadcast, sender: 'bc', seq: next.seq++, sentUs: nowUs() }, ctx.job.payloadBytes);
  };
  const receivers = new WarmupReceivers(room, count, next.seq, broadcastOne);
  next.step = receivers;
  for (let i = 0; i < WARMUP_WINDOW; i++) broadcastOne();
  while (receivers.done < count && Date.now() < deadline) await sleep(DRAIN_CHECK_MS);
  const elapsedS = (nowUs() - t0) / 1e6;
  const drained = Date.now() + maxMs;
  while (receivers.done < sent && Date.now() < drained) await sleep(DRAIN_CHECK_MS);
  next.step = undefined;
  return receivers.done / elapsedS;
}

/** One step: `rate` broadcasts a second from the sender for stepS, on a schedule, then the drain. */
async function runStep(ctx: LoadContext<BroadcastSizes>, sender: ClientConnection, room: number, rate: number, index: number, next: { seq: number; step: Receivers | undefined }): Promise<BroadcastStep> {
  const { stepS } = ctx.sizes;
  const count = Math.max(1, Math.round(rate * stepS));
  const receivers = new StepReceivers(room, count, next.seq);
  next.step = receivers;
  await ctx.mark(`${broadcastMark(room, index)}.start`);
  const cpu = process.cpuUsage();
  const waited = readWaits(ctx.job.serverPids, ctx.job.pointPids);
  const t0 = nowUs();
  const startUs = t0 + 1000;
  const intervalUs = 1e6 / rate;
  const send = messageSender(ctx.job.payloadKind);
  let lagUs = 0;
  for (let i = 0; i < count; i++) {
    const dueUs = startUs + i * intervalUs;
    const waitMs = (dueUs - nowUs()) / 1000;
    if (waitMs > 1) await sleep(waitMs);
    const sentUs = nowUs();
    lagUs = Math.max(0, sentUs - dueUs);
    send(sender, { kind: MESSAGE_KINDS.broadcast, sender: 'bc', seq: next.seq++, sentUs }, ctx.job.payloadBytes);
  }
  const expected = count * room;
  const deadline = Date.now() + DRAIN_MS;
  while (receivers.delivered < expected && Date.now() < deadline) await sleep(DRAIN_CHECK_MS);
  const used = process.cpuUsage(cpu);
  const wallUs = nowUs() - t0;
  const waitedNow = readWaits(ctx.job.serverPids, ctx.job.pointPids);
  await ctx.mark(`${broadcastMark(room, index)}.end`);
  const last = createHistogram();
  for (const us of receivers.lastUs) if (us > 0) recordUs(last, us);
  const d = receivers.counters.map((c) => c.result(count)).reduce(addDelivery, NO_DELIVERY);
  const everyone = receivers.delivered === expected;
  const passed = everyone && last.totalCount > 0 && last.getValueAtPercentile(99) <= ctx.job.p99BoundUs && !fellBehind(lagUs, stepS);
  return {
    rate,
    broadcasts: count,
    expected,
    delivered: receivers.delivered,
    duplicated: d.duplicated,
    reordered: d.reordered,
    last: encodeHistogram(last),
    lagUs,
    elapsedUs: Math.max(receivers.lastArrivalUs, startUs + (count - 1) * intervalUs + lagUs) - startUs,
    loadCpuUs: used.user + used.system,
    wallUs,
    ...waitedBetween(waited, waitedNow),
    passed,
  };
}

/** A step, run again (up to STALL_RETRIES times) while it failed because the machine kept the load process from a core. */
async function runJudgedStep(...args: Parameters<typeof runStep>): Promise<BroadcastStep> {
  for (let stalls = 0; ; stalls++) {
    const step = await runStep(...args);
    const counted = stalls > 0 ? { ...step, stalls } : step;
    if (step.passed || !machineStalled(step)) return counted;
    if (stalls === STALL_RETRIES) return { ...counted, stalled: true };
  }
}

/** One room's search: its members connected once, the sender among them, the rate searched step by step. */
async function search(ctx: LoadContext<BroadcastSizes>, room: number): Promise<BroadcastSearch> {
  const result: BroadcastSearch = { room, steps: [] };
  // the step under way: every member's reply lands in it (a broadcast of an earlier step is not counted)
  const next: { seq: number; step: Receivers | undefined } = { seq: 0, step: undefined };
  const conns = await openMany(room, (member) => ctx.connect((text) => next.step?.receive(member, text)));
  try {
    const [sender] = conns;
    if (!sender) return result;
    // a discarded closed-loop warm-up, so that no step pays for JIT and connection setup; the search starts from its rate
    const warmupS = Math.min(ctx.sizes.warmupS, ctx.job.warmupS);
    if (warmupS > 0) result.warmupPerS = await warmUpRoom(ctx, sender, room, ctx.sizes.warmupBroadcasts, warmupS * 1000, next);
    await searchLimit({ ...ctx.sizes, startRate: startFromWarmUp(ctx.sizes.startRate, result.warmupPerS) }, async (rate, index) => {
      let step = await runJudgedStep(ctx, sender, room, rate, index, next);
      // the first step is a guess from the warm-up, right after it: a failure there is run once more, the
      // second attempt deciding (its marks are the step's), or a one-off would keep the search below it for good
      if (index === 0 && !step.passed && !step.stalled) {
        const first = { delivered: step.delivered, lastP99Us: decodeHistogram(step.last).getValueAtPercentile(99) };
        step = { ...(await runJudgedStep(ctx, sender, room, rate, index, next)), first };
      }
      result.steps.push(step);
      // a step the machine stalled every time ends the search: what is left to find is the machine's
      if (step.stalled) return 'stop';
      return { passed: step.passed, ...(step.elapsedUs > 0 ? { deliveredPerS: step.delivered / room / (step.elapsedUs / 1e6) } : {}) };
    });
  } finally {
    next.step = undefined;
    await Promise.allSettled(conns.map((c) => c.close()));
  }
  return result;
}

/**
 * The chat room's capacity: for each room size, the highest broadcast rate at which every member gets
 * every message and the last member's p99 stays within the bound, searched as throughput's echo rate is.
 */
export async function loadBroadcast(ctx: LoadContext<BroadcastSizes>): Promise<ScenarioOutput<BroadcastData>> {
  const searches: BroadcastSearch[] = [];
  await ctx.mark('start');
  for (const room of ctx.sizes.rooms) searches.push(await search(ctx, room));
  await ctx.mark('end');
  // the passing steps' deliveries: there every member was to get every broadcast, so any shortfall is a loss
  const passing = searches.flatMap((s) => s.steps.filter((step) => step.passed));
  const delivery = passing
    .map((s) => ({ sent: s.expected, delivered: s.delivered, lost: s.expected - s.delivered, duplicated: s.duplicated, reordered: s.reordered }))
    .reduce(addDelivery, NO_DELIVERY);
  return { data: { searches }, delivery };
}
