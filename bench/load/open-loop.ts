import type { ClientConnection } from '../../clients/transport.ts';
import type { Delivery } from '../../protocol/control.ts';
import { LATE_SEND_US } from './health.ts';
import { sleep } from './sleep.ts';
import { MESSAGE_KINDS, nowUs, seqOf } from '../../protocol/envelope.ts';
import type { PayloadKind } from '../../protocol/payload.ts';
import { messageSender, type MessageSender } from './message-sender.ts';
import { DeliveryCounter, NO_DELIVERY, addDelivery } from './delivery-counter.ts';
import { recordUs, type Histogram } from '../stats/histogram.ts';

/** How often the wait for the last replies checks whether they are all in. */
const DRAIN_CHECK_MS = 5;

export interface OpenLoopOptions {
  /** messages per second over all connections */
  ratePerS: number;
  durationS: number;
  payloadBytes: number;
  /** absent: padding */
  payloadKind?: PayloadKind | undefined;
  replyTimeoutMs: number;
}

export interface OpenLoopHistograms {
  /** from the intended send time: a stall counts against every message it delayed */
  corrected: Histogram;
  /** from the moment the message was actually handed to the transport */
  uncorrected: Histogram;
}

export interface OpenLoopOutcome {
  delivery: Delivery;
  lateSends: number;
  /** how late the last send left: it grows through the run only when the sender cannot keep the rate */
  scheduleLagUs: number;
  /** from the first send's scheduled time to the last reply (or the last send, if later): what the phase took */
  elapsedUs: number;
}

/** One phase (warm-up or measured) of one connection: preallocated, so sending allocates nothing per message. */
class Phase {
  readonly intended: Float64Array;
  readonly actual: Float64Array;
  readonly counter: DeliveryCounter;
  sent = 0;
  /** when the last reply of this phase arrived, µs */
  lastReplyUs = 0;

  constructor(
    readonly firstSeq: number,
    capacity: number,
    readonly histograms: OpenLoopHistograms | undefined,
    readonly payloadBytes: number,
    readonly send: MessageSender,
    /** called on each reply counted: a closed loop sends its next message from here (closedLoopWarmUp) */
    readonly onReply?: () => void,
  ) {
    this.intended = new Float64Array(capacity);
    this.actual = new Float64Array(capacity);
    this.counter = new DeliveryCounter(capacity);
  }

  reply(seq: number, atUs: number): void {
    const i = seq - this.firstSeq;
    if (i < 0) return; // a late reply to an earlier phase: neither this phase's delivery nor a duplicate
    if (!this.counter.record(i)) return;
    this.lastReplyUs = atUs;
    this.onReply?.();
    if (!this.histograms) return;
    recordUs(this.histograms.corrected, atUs - (this.intended[i] ?? atUs));
    recordUs(this.histograms.uncorrected, atUs - (this.actual[i] ?? atUs));
  }
}

/** A connection driven by the schedule rather than by its replies. */
export class OpenLoopConnection {
  #conn: ClientConnection | undefined;
  #seq = 0;
  #phase: Phase | undefined;

  constructor(readonly sender: string) {}

  async open(connect: (onMessage: (text: string) => void) => Promise<ClientConnection>): Promise<void> {
    this.#conn = await connect((text) => {
      const seq = seqOf(text);
      if (seq >= 0 && this.#phase) this.#phase.reply(seq, nowUs());
    });
  }

  /** Starts a phase: its own numbering, arrays and payload size (a sweep changes it between phases). */
  begin(capacity: number, histograms: OpenLoopHistograms | undefined, payloadBytes: number, send: MessageSender = messageSender(), onReply?: () => void): Phase {
    this.#phase = new Phase(this.#seq, capacity, histograms, payloadBytes, send, onReply);
    return this.#phase;
  }

  /** Sends the phase's next message, scheduled for `intendedUs`; returns how late it left. */
  send(intendedUs: number): number {
    const phase = this.#phase;
    if (!this.#conn || !phase) throw new Error('open-loop connection not open');
    const seq = this.#seq++;
    const i = seq - phase.firstSeq;
    const actualUs = nowUs();
    phase.intended[i] = intendedUs;
    phase.actual[i] = actualUs;
    phase.sent++;
    phase.send(this.#conn, { kind: MESSAGE_KINDS.echo, sender: this.sender, seq, sentUs: actualUs }, phase.payloadBytes);
    return actualUs - intendedUs;
  }

  close(): Promise<void> {
    return this.#conn?.close() ?? Promise.resolve();
  }
}

/**
 * Sends `ratePerS × durationS` messages on a fixed schedule, round-robin over the connections, whatever
 * the replies do; then waits up to replyTimeoutMs for the last replies. Messages whose time has come
 * are sent in a batch when the process wakes, and each is timed from its own scheduled time.
 */
export async function runOpenLoop(
  conns: readonly OpenLoopConnection[],
  options: OpenLoopOptions,
  histograms?: OpenLoopHistograms,
): Promise<OpenLoopOutcome> {
  const total = Math.max(1, Math.round(options.ratePerS * options.durationS));
  const intervalUs = 1e6 / options.ratePerS;
  const send = messageSender(options.payloadKind);
  const phases = conns.map((c) => c.begin(Math.ceil(total / conns.length), histograms, options.payloadBytes, send));
  let lateSends = 0;
  let scheduleLagUs = 0;
  let next = 0;
  const startUs = nowUs() + 1000; // a moment's lead so the first send is not late by construction

  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = nowUs();
      while (next < total && startUs + next * intervalUs <= now) {
        const conn = conns[next % conns.length];
        scheduleLagUs = conn ? conn.send(startUs + next * intervalUs) : 0;
        if (scheduleLagUs > LATE_SEND_US) lateSends++;
        next++;
      }
      if (next >= total) return resolve();
      setTimeout(tick, Math.max(0, (startUs + next * intervalUs - nowUs()) / 1000));
    };
    tick();
  });

  const deadline = Date.now() + options.replyTimeoutMs;
  const allIn = () => phases.every((p) => p.counter.delivered >= p.sent);
  while (!allIn() && Date.now() < deadline) await sleep(DRAIN_CHECK_MS);

  const delivery = phases.map((p) => p.counter.result(p.sent)).reduce(addDelivery, NO_DELIVERY);
  const lastSendUs = startUs + (total - 1) * intervalUs + Math.max(0, scheduleLagUs);
  const endUs = Math.max(lastSendUs, ...phases.map((p) => p.lastReplyUs));
  return { delivery, lateSends, scheduleLagUs: Math.max(0, scheduleLagUs), elapsedUs: endUs - startUs };
}

export interface WarmUpOptions {
  /** echoes to get back over all connections */
  count: number;
  /** echoes each connection keeps in flight */
  window: number;
  /** the warm-up ends here whatever came back */
  maxMs: number;
  payloadBytes: number;
  payloadKind?: PayloadKind | undefined;
}

/**
 * A discarded closed-loop warm-up: each connection keeps `window` echoes in flight, sending the next as
 * each comes back, until `count` are back or `maxMs` passed; then it waits for those in flight, within
 * the same time. It runs at what the transport can do, not at a rate: a fast one gets through enough
 * messages for V8 to optimise both sides' message paths in a fraction of a second (at 1,000 msg/s for
 * 1 s the socket.io client still compiled 80-90 ms of optimised code in the search's first steps above
 * 12,000 msg/s, failing them), and a slow one is not buried under a backlog it would carry into the search.
 * Returns the echoes that came back.
 */
export async function closedLoopWarmUp(conns: readonly OpenLoopConnection[], options: WarmUpOptions): Promise<number> {
  const deadline = Date.now() + options.maxMs;
  const perConn = Math.max(1, Math.ceil(options.count / Math.max(1, conns.length)));
  const send = messageSender(options.payloadKind);
  let stop = false;
  const phases = conns.map((c) => {
    const phase: Phase = c.begin(perConn, undefined, options.payloadBytes, send, () => {
      if (!stop && phase.sent < perConn) c.send(nowUs());
    });
    return phase;
  });
  for (const [i, c] of conns.entries()) for (let k = 0; k < Math.min(options.window, perConn) && (phases[i]?.sent ?? perConn) < perConn; k++) c.send(nowUs());
  const allIn = () => phases.every((p) => p.counter.delivered >= p.sent && (stop || p.sent >= perConn));
  while (!allIn() && Date.now() < deadline) {
    await sleep(DRAIN_CHECK_MS);
  }
  stop = true;
  // those still in flight at the deadline get as long again, so that the search does not start on them
  const drained = Date.now() + options.maxMs;
  while (!phases.every((p) => p.counter.delivered >= p.sent) && Date.now() < drained) await sleep(DRAIN_CHECK_MS);
  return phases.reduce((n, p) => n + p.counter.delivered, 0);
}
