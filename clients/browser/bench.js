/* global window, document, performance, setTimeout, clearTimeout */
/**
 * The benchmark side of the browser page: the suite's scenarios, run inside the page so that every
 * time is read with performance.now() in the page itself, never across the DevTools channel. Node
 * (bench/browser) calls these through page.evaluate and records what they return into its histograms.
 * Messages are the suite's envelope, `kind|sender|seq|sentUs|body` (protocol/envelope.ts).
 */
import { connectorFor } from './connect.js';

/**
 * Microseconds on the epoch-based clock every page of the browser shares (timeOrigin + now): fanout
 * compares a send time stamped in one page with an arrival read in another.
 */
const nowUs = () => (performance.timeOrigin + performance.now()) * 1000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function envelope(kind, sender, seq, sentUs, size) {
  const head = `${kind}|${sender}|${seq}|${sentUs.toFixed(3)}|`;
  if (head.length > size) throw new RangeError(`payload of ${size} B is too small for the envelope header`);
  return head.padEnd(size, 'x');
}
/** seq of an envelope without splitting a 64 KiB body: the third field. */
function seqOf(text) {
  const a = text.indexOf('|', 2);
  const b = text.indexOf('|', a + 1);
  return a < 0 || b < 0 ? -1 : Number(text.slice(a + 1, b));
}
function sentUsOf(text) {
  const a = text.indexOf('|', 2);
  const b = text.indexOf('|', a + 1);
  const c = text.indexOf('|', b + 1);
  return Number(text.slice(b + 1, c));
}

/** Counts a numbered stream 0..expected-1 as bench/delivery.ts does. */
class Counter {
  constructor(expected) {
    this.seen = new Uint8Array(expected);
    this.highest = -1;
    this.delivered = this.duplicated = this.reordered = 0;
  }
  record(seq) {
    if (!Number.isInteger(seq) || seq < 0 || seq >= this.seen.length || this.seen[seq]) return void this.duplicated++;
    this.seen[seq] = 1;
    this.delivered++;
    if (seq < this.highest) this.reordered++;
    else this.highest = seq;
    return true;
  }
}

let connect;
/** the page's open connections; `handle` is swapped by whichever scenario step owns them */
let slots = [];

async function setup(spec) {
  connect = connectorFor(spec);
  if (!connect) throw new Error(`no browser connector '${spec.connector}'`);
}

/** Opens `count` connections, a few at a time: a browser queues more than 6 HTTP requests per host anyway. */
async function open(count, concurrency = 4) {
  const opened = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      // seq runs on across calls, so a late warm-up echo is never taken for a measured one
      const slot = { handle: () => {}, seq: 0 };
      slot.conn = await connect((text) => slot.handle(text));
      opened.push(slot);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  slots.push(...opened);
}

async function closeAll() {
  const closing = slots.map((s) => s.conn.close());
  slots = [];
  await Promise.allSettled(closing);
}

/**
 * Closed loop on every open connection at once: send one echo, wait for it, send the next, `count`
 * times or until `maxMs`. Returns the round trips (µs) when asked to record them, and the delivery.
 */
async function echo({ prefix, count, maxMs, payloadBytes, replyTimeoutMs, record }) {
  const rtts = [];
  const delivery = { sent: 0, delivered: 0, lost: 0, duplicated: 0, reordered: 0 };
  const deadline = performance.now() + maxMs;
  await Promise.all(
    slots.map(async (slot, i) => {
      const sender = `${prefix}${i}`;
      const counter = new Counter(count);
      const base = slot.seq;
      let waiting;
      slot.handle = (text) => {
        const seq = seqOf(text);
        if (seq >= base) counter.record(seq - base);
        if (waiting?.seq === seq) waiting.resolve(performance.now());
      };
      let sent = 0;
      for (; sent < count && performance.now() < deadline; sent++) {
        const seq = slot.seq++;
        const startedMs = performance.now();
        let timer;
        const reply = new Promise((resolve) => {
          waiting = { seq, resolve };
          timer = setTimeout(() => resolve(undefined), replyTimeoutMs);
        });
        slot.conn.send(envelope('e', sender, seq, startedMs * 1000, payloadBytes));
        const atMs = await reply;
        clearTimeout(timer);
        waiting = undefined;
        if (atMs !== undefined && record) rtts.push((atMs - startedMs) * 1000);
      }
      slot.handle = () => {};
      delivery.sent += sent;
      delivery.delivered += counter.delivered;
      delivery.lost += Math.max(0, sent - counter.delivered);
      delivery.duplicated += counter.duplicated;
      delivery.reordered += counter.reordered;
    }),
  );
  return { rtts, delivery };
}

/** A fanout room's receivers in this page: each times every broadcast from the send time it carries. */
let room;
function fanoutListen(broadcasts) {
  const first = new Array(broadcasts).fill(null);
  const last = new Array(broadcasts).fill(null);
  const counters = slots.map(() => new Counter(broadcasts));
  let complete = 0;
  let settle = () => {};
  const settled = new Promise((resolve) => (settle = resolve));
  slots.forEach((slot, i) => {
    slot.handle = (text) => {
      const seq = seqOf(text);
      if (!counters[i].record(seq)) return;
      const latency = nowUs() - sentUsOf(text);
      if (first[seq] === null || latency < first[seq]) first[seq] = latency;
      if (last[seq] === null || latency > last[seq]) last[seq] = latency;
      if (counters[i].delivered === broadcasts && ++complete === slots.length) settle();
    };
  });
  if (slots.length === 0) settle();
  room = { first, last, counters, settled };
}

/** The room's sender (the first connection of the first page): broadcasts paced `gapMs` apart. */
async function fanoutSend({ broadcasts, payloadBytes, gapMs }) {
  for (let seq = 0; seq < broadcasts; seq++) {
    slots[0].conn.send(envelope('b', 'room', seq, nowUs(), payloadBytes));
    await sleep(gapMs);
  }
}

/** Waits until every receiver here has every broadcast or `settleMs` passes; returns what arrived. */
async function fanoutResult(settleMs) {
  let timer;
  await Promise.race([room.settled, new Promise((resolve) => (timer = setTimeout(resolve, settleMs)))]);
  clearTimeout(timer);
  const delivery = { delivered: 0, duplicated: 0, reordered: 0 };
  for (const c of room.counters) {
    delivery.delivered += c.delivered;
    delivery.duplicated += c.duplicated;
    delivery.reordered += c.reordered;
  }
  for (const slot of slots) slot.handle = () => {};
  return { first: room.first, last: room.last, delivery };
}

/**
 * The wire scenario's one exchange: a message of exactly `size` bytes and its echo, nothing else in
 * flight. As bench/scenarios/wire-exchange.ts: the envelope when it fits, else `e|` and padding.
 */
let wireSeq = 0;
async function exchange(size, replyTimeoutMs) {
  const slot = slots[0];
  const head = `e|w|${wireSeq++}|0.000|`;
  const text = size >= head.length ? head.padEnd(size, 'x') : 'e|'.padEnd(size, 'x');
  let timer;
  const echoed = await new Promise((resolve) => {
    slot.handle = (reply) => resolve(reply === text);
    timer = setTimeout(() => resolve(false), replyTimeoutMs);
    slot.conn.send(text);
  });
  clearTimeout(timer);
  slot.handle = () => {};
  return echoed;
}

async function exchanges(size, count, replyTimeoutMs, settleMs) {
  let delivered = 0;
  for (let i = 0; i < count; i++) if (await exchange(size, replyTimeoutMs)) delivered++;
  await sleep(settleMs);
  return delivered;
}

/** One line on the page, for people looking at a screenshot of a run. */
function show(text) {
  const line = document.createElement('li');
  line.textContent = text;
  document.getElementById('log')?.append(line);
}

window.wb = { show,  setup, open, closeAll, echo, fanoutListen, fanoutSend, fanoutResult, exchanges, sleep, ready: true };
