/* global WebSocket, EventSource, fetch, location, document, window, navigator, setTimeout */
/**
 * One connector per transport, each with the browser's own client for it (no bundler, no library but
 * the socket.io client that the socket.io server itself serves). A connector takes
 * { message(text), status(state, detail) } and returns { send(text) }; state is 'open', 'closed' or
 * 'retrying'. Routes are the servers' own: servers/longpoll.ts, servers/polling.ts, servers/sse.ts.
 */

/** How long a failed HTTP channel waits before it tries again: not a tight loop against a dead server. */
const RETRY_MS = 1000;
/** Short polling's pause between two polls: what that transport trades latency for. */
const POLL_INTERVAL_MS = 250;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const clientId = () => 'page' + Math.random().toString(36).slice(2, 10);

function webSocket(on) {
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/`);
  ws.onopen = () => on.status('open');
  ws.onclose = (e) => on.status('closed', `code ${e.code}: reload to reconnect`);
  ws.onmessage = (e) => typeof e.data === 'string' && on.message(e.data);
  return { send: (text) => ws.readyState === WebSocket.OPEN && ws.send(text) };
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(script);
  });
}

/** socket.io's own client, restricted to the one engine.io transport the server allows. */
function socketIo(engineTransport) {
  return async (on) => {
    await loadScript('/socket.io/socket.io.js');
    const socket = window.io({ transports: [engineTransport] });
    socket.on('connect', () => on.status('open'));
    socket.on('disconnect', (reason) => on.status('retrying', reason));
    socket.on('message', (text) => typeof text === 'string' && on.message(text));
    return { send: (text) => socket.send(text) };
  };
}

function post(path, id, body) {
  return fetch(`${path}?id=${id}`, { method: 'POST', body, headers: { 'content-type': 'text/plain' } });
}

/** Server-Sent Events down, a POST per message up. EventSource reconnects by itself. */
function sse(on) {
  const id = clientId();
  const events = new EventSource(`/events?id=${id}`);
  events.onopen = () => on.status('open');
  events.onerror = () => on.status('retrying', 'event stream lost');
  events.onmessage = (e) => on.message(e.data);
  return { send: (text) => void post('/send', id, text).catch(() => on.status('retrying', 'POST failed')) };
}

/** GET /poll answered with a JSON array of messages: held until there is news (long) or at once (short). */
function polling(pauseMs) {
  return (on) => {
    const id = clientId();
    let open = false;
    const loop = async () => {
      for (;;) {
        try {
          if (!open) {
            if (!(await post('/open', id)).ok) throw new Error('open refused');
            open = true;
            on.status('open');
          }
          const response = await fetch(`/poll?id=${id}`);
          // 404: the server forgot this id (restarted, or reaped it): join again
          if (response.status === 404) open = false;
          else if (!response.ok) throw new Error(`poll answered ${response.status}`);
          else for (const text of await response.json()) on.message(text);
          if (pauseMs) await sleep(pauseMs);
        } catch (error) {
          open = false;
          on.status('retrying', error.message);
          await sleep(RETRY_MS);
        }
      }
    };
    void loop();
    // leave the room when the tab goes, so the other tabs stop queueing for it
    window.addEventListener('pagehide', () => navigator.sendBeacon(`/close?id=${id}`));
    return { send: (text) => void post('/send', id, text).catch(() => on.status('retrying', 'POST failed')) };
  };
}

/** The connector a transport's descriptor names (transports/descriptor.ts BrowserConnector), made for it. */
export function connectorFor(spec) {
  switch (spec.connector) {
    case 'WebSocket':
      return webSocket;
    case 'socket.io':
      return socketIo(spec.engine);
    case 'EventSource':
      return sse;
    case 'long-poll':
      return polling(0);
    case 'short-poll':
      return polling(POLL_INTERVAL_MS);
    default:
      return undefined;
  }
}
