/**
 * The second calibration: the least a `ws` client can do to echo against the suite's own ws server, by
 * hand and with no suite code (the server's hub echoes any text that starts as an echo envelope does, so
 * one constant message will do). Its echo rate is what the suite's load process is held to: the suite's
 * ws echo should drive nearly as many round trips a second over the same server.
 * It warms up for `warmup` round trips and at least `warmupMs`, as the suite's echo warms for at least
 * a second, so that neither side is measured colder than the other.
 * Usage (by the orchestrator): fork(this, [port, size, warmup, count, warmupMs]).
 */
import WebSocket from 'ws';

const [port, size, warmup, count, warmupMs = 0] = process.argv.slice(2).map(Number) as [number, number, number, number, number?];
const MESSAGE = 'e|calibration|0|0.000|'.padEnd(size, 'x');

const socket = new WebSocket(`ws://127.0.0.1:${port}/`);
const rtts = new Float64Array(count);
let done = -warmup;
let sentAt = 0;
let startedAt = 0;
let warmUntil = 0;

function send(): void {
  sentAt = performance.now();
  socket.send(MESSAGE);
}

socket.on('open', () => {
  warmUntil = performance.now() + warmupMs;
  send();
});
socket.on('message', () => {
  const now = performance.now();
  if (done === -1 && now < warmUntil) return send(); // still warming: the count waits for the time
  if (done === 0) startedAt = sentAt;
  if (done >= 0) rtts[done] = (now - sentAt) * 1000;
  if (++done < count) return send();
  const seconds = (now - startedAt) / 1000;
  rtts.sort();
  const p50Us = rtts[Math.floor(count / 2)] ?? 0;
  process.send?.({ t: 'wb:calibration', p50Us, msgsPerS: count / seconds, count }, () => process.exit(0));
});
socket.on('error', (error) => process.send?.({ t: 'wb:fatal', message: `ws calibration client: ${error.message}` }, () => process.exit(1)));
