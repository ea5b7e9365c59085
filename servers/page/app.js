/* global document, performance, setInterval */
/**
 * The page: live round-trip times from echo envelopes, and the classic chat room from broadcast ones.
 * Messages are the suite's envelope, `kind|sender|seq|sentUs|body` (protocol/envelope.ts), so the
 * servers run exactly the code they run under load. Whatever people type is shown with textContent only.
 */
import { connectorFor } from './connect.js';

const ECHO_INTERVAL_MS = 500;
/** round trips kept for the statistics and the sparkline */
const WINDOW = 120;
/** an echo not back after this long is dropped from the pending map (and shows as echoed < sent) */
const ECHO_GIVE_UP_MS = 10_000;

const transport = document.documentElement.dataset.transport;
/** the transport's browser connector, as its descriptor names it (transports/descriptor.ts) */
const connector = JSON.parse(document.documentElement.dataset.connector ?? '{}');
const me = 'tab' + Math.random().toString(36).slice(2, 8);
const $ = (id) => document.getElementById(id);
const nowUs = () => performance.now() * 1000;
const envelope = (kind, seq, body = '') => `${kind}|${me}|${seq}|${nowUs().toFixed(3)}|${body}`;

/** `kind|sender|seq|sentUs|body`: the body is everything after the fourth bar, bars included. */
function decode(text) {
  const parts = text.split('|');
  if (parts.length < 5) return undefined;
  const [kind, sender, seq, sentUs] = parts;
  return { kind, sender, seq: Number(seq), sentUs: Number(sentUs), body: parts.slice(4).join('|') };
}

const rtts = [];
const pending = new Map();
let echoSeq = 0;
let echoed = 0;

function showRtts() {
  const sorted = [...rtts].sort((a, b) => a - b);
  const ms = (us) => (us === undefined ? '–' : `${(us / 1000).toFixed(2)} ms`);
  $('rtt-last').textContent = ms(rtts[rtts.length - 1]);
  $('rtt-p50').textContent = ms(sorted[Math.floor(sorted.length / 2)]);
  $('rtt-min').textContent = ms(sorted[0]);
  $('rtt-max').textContent = ms(sorted[sorted.length - 1]);
  $('rtt-count').textContent = `${echoed} / ${echoSeq}`;
  drawSparkline(sorted[sorted.length - 1] ?? 1);
}

function drawSparkline(maxUs) {
  const canvas = $('spark');
  const g = canvas.getContext('2d');
  const { width, height } = canvas;
  g.clearRect(0, 0, width, height);
  g.fillStyle = '#4c78a8';
  const bar = width / WINDOW;
  rtts.forEach((us, i) => {
    const h = Math.max(1, (us / maxUs) * (height - 14));
    g.fillRect(i * bar, height - h, Math.max(1, bar - 1), h);
  });
  g.fillStyle = '#666';
  g.font = '11px sans-serif';
  g.fillText(`${(maxUs / 1000).toFixed(2)} ms`, 2, 11);
}

function onEcho(e) {
  if (!pending.delete(e.seq)) return;
  echoed++;
  rtts.push(nowUs() - e.sentUs);
  if (rtts.length > WINDOW) rtts.shift();
  showRtts();
}

/** A chat line built from text nodes only: a name or message can never become markup. */
function onBroadcast(e) {
  let said;
  try {
    said = JSON.parse(e.body);
  } catch {
    return;
  }
  if (typeof said?.name !== 'string' || typeof said?.text !== 'string') return;
  const li = document.createElement('li');
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = said.name;
  const meta = document.createElement('span');
  meta.className = 'meta';
  // own messages: the broadcast came back through the server, so its sentUs is this tab's clock
  meta.textContent = e.sender === me ? `you · ${((nowUs() - e.sentUs) / 1000).toFixed(1)} ms round trip` : '';
  if (e.sender === me) li.className = 'mine';
  li.append(name, document.createTextNode(said.text), meta);
  const list = $('messages');
  list.append(li);
  list.scrollTop = list.scrollHeight;
}

function setStatus(state, detail) {
  const status = $('status');
  status.className = `status ${state}`;
  status.textContent = detail ? `${state}: ${detail}` : state;
}

async function main() {
  $('interval').textContent = String(ECHO_INTERVAL_MS);
  const connect = connectorFor(connector);
  if (!connect) return setStatus('closed', `no browser client for '${transport}'`);
  const channel = await connect({
    status: setStatus,
    message(text) {
      const e = decode(text);
      if (e?.kind === 'e' && e.sender === me) onEcho(e);
      else if (e?.kind === 'b') onBroadcast(e);
    },
  });
  setInterval(() => {
    const seq = ++echoSeq;
    pending.set(seq, performance.now());
    for (const [s, at] of pending) if (performance.now() - at > ECHO_GIVE_UP_MS) pending.delete(s);
    channel.send(envelope('e', seq));
  }, ECHO_INTERVAL_MS);
  let chatSeq = 0;
  $('chat').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('text').value.trim();
    if (!text) return;
    channel.send(envelope('b', ++chatSeq, JSON.stringify({ name: $('name').value.trim() || me, text })));
    $('text').value = '';
  });
}

main().catch((error) => setStatus('closed', error.message));
