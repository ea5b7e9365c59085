/* global WebSocket, EventSource, fetch, location, window, performance, setTimeout */
/**
 * The browser's own clients, one connector per transport, for the benchmark page (bench/browser drives
 * it). connect(transport, onMessage) resolves, like the Node clients (clients/transport.ts), once a
 * message sent now would be delivered, with { send(text), close() }. Same routes and ids as the Node
 * clients, so the servers run exactly the code they run for those; only the client side differs.
 * servers/page/connect.js is the interactive page's variant: it retries forever and never closes.
 */

const clientId = () => 'b' + Math.random().toString(36).slice(2, 12);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** text/plain keeps every POST a CORS "simple" request, as a page would send it: no preflight. */
const post = (path, id, body) => fetch(`${path}?id=${id}`, { method: 'POST', body, headers: { 'content-type': 'text/plain' } });

function webSocket(onMessage) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${location.host}/`);
    ws.onmessage = (e) => typeof e.data === 'string' && onMessage(e.data);
    ws.onerror = () => reject(new Error('websocket connect failed'));
    const closed = new Promise((done) => ws.addEventListener('close', done));
    ws.onopen = () =>
      resolve({
        send: (text) => ws.send(text),
        close: () => (ws.close(), closed),
      });
  });
}

/** socket.io's own browser client (loaded by the page from node_modules), on one engine.io transport. */
function socketIo(engineTransport) {
  return (onMessage) =>
    new Promise((resolve, reject) => {
      // no reconnection: a loss must show as lost messages, as with the Node client's defaults in a run
      const socket = window.io({ transports: [engineTransport], reconnection: false, forceNew: true });
      socket.on('message', (text) => typeof text === 'string' && onMessage(text));
      socket.on('connect_error', (error) => reject(error));
      socket.on('connect', () =>
        resolve({
          send: (text) => socket.send(text),
          close: async () => void socket.disconnect(),
        }),
      );
    });
}

/** Server-Sent Events down; a POST per message up; POST /close says goodbye (a closed stream alone looks lost). */
function sse(onMessage) {
  const id = clientId();
  return new Promise((resolve, reject) => {
    const events = new EventSource(`/events?id=${id}`);
    events.onmessage = (e) => onMessage(e.data);
    events.onerror = () => events.readyState === EventSource.CLOSED && reject(new Error('sse connect failed'));
    events.onopen = () =>
      resolve({
        // a POST that fails loses its message; the page's delivery count records the loss
        send: (text) => void post('/send', id, text).catch(() => undefined),
        close: async () => {
          events.close();
          // a goodbye that fails leaves the server to forget the client after a while
          await post('/close', id).catch(() => undefined);
        },
      });
  });
}

/** GET /poll answered with a JSON array: held until there is news (pauseMs 0) or at once, every pauseMs. */
function polling(pauseMs) {
  return async (onMessage) => {
    const id = clientId();
    if ((await post('/open', id)).status !== 204) throw new Error('poll open refused');
    let open = true;
    let wake = () => {};
    const loop = (async () => {
      while (open) {
        const started = performance.now();
        const response = await fetch(`/poll?id=${id}`).catch(() => undefined);
        if (!response || response.status !== 200) break; // forgotten or cut: the connection is over
        for (const text of await response.json()) onMessage(text);
        // short polling measures its interval from the start of the previous poll, as the Node client
        const rest = pauseMs - (performance.now() - started);
        if (open && rest > 0) await new Promise((resolve) => ((wake = resolve), setTimeout(resolve, rest)));
      }
    })();
    return {
      // a POST that fails loses its message; the page's delivery count records the loss
      send: (text) => void post('/send', id, text).catch(() => undefined),
      close: async () => {
        open = false;
        wake();
        await post('/close', id).catch(() => undefined); // answers a held poll
        await Promise.race([loop, sleep(1000)]);
      },
    };
  };
}

/**
 * The connector a transport's descriptor names (transports/descriptor.ts BrowserConnector), made for
 * it: `spec` is that object, with the short-polling interval as `pollIntervalMs`.
 */
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
      return polling(spec.pollIntervalMs);
    default:
      return undefined;
  }
}
