import { Backoff } from './backoff.ts';
import { HttpChannel, expectStatus, newClientId } from './http-channel.ts';
import type { ClientConnection, ClientOptions } from './transport.ts';

/**
 * How often the client asks. 50 ms is the middle of the classic trade-off: a message waits half an
 * interval on average (25 ms, visible beside the other transports' sub-millisecond round trips but
 * not so large that a run's round trips take forever), and an idle client still costs 20 full HTTP
 * exchanges a second, which is exactly the overhead the wire scenario sets out to show.
 */
export const POLL_INTERVAL_MS = 50;

/**
 * `polling`: plain short polling. One keep-alive connection asks GET /poll every POLL_INTERVAL_MS
 * (measured from the start of the previous poll, never two at once) and gets whatever has queued,
 * `[]` when nothing has; a second one carries a POST per message upstream. With options.reconnect a
 * poll that fails on the network is asked again (see Backoff); the server keeps the queue meanwhile.
 */
export async function connect({ host, port, onMessage, reconnect, onReconnect }: ClientOptions): Promise<ClientConnection> {
  const id = newClientId();
  const down = new HttpChannel(host, port);
  const up = new HttpChannel(host, port);
  expectStatus(await up.request('POST', `/open?id=${id}`), 204, 'polling open');
  let open = true;
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let lost = false;
  const backoff = new Backoff();

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });

  const polling = (async () => {
    while (open) {
      const started = Date.now();
      const reply = await down.request('GET', `/poll?id=${id}`).catch(() => undefined);
      if (!reply && reconnect && open) {
        lost = true;
        await pause(backoff.take());
        continue;
      }
      if (!reply || reply.status !== 200) break; // the server closed or forgot us: the connection is over
      if (lost) {
        lost = false;
        backoff.reset();
        onReconnect?.();
      }
      for (const text of JSON.parse(reply.body) as string[]) onMessage(text);
      if (open) await pause(Math.max(0, POLL_INTERVAL_MS - (Date.now() - started)));
    }
  })();

  return {
    // a POST that fails loses its message; the scenario's delivery count records the loss
    send: (text) => void up.request('POST', `/send?id=${id}`, text).catch(() => undefined),
    close: async () => {
      if (!open) return;
      open = false;
      clearTimeout(timer); // a client that has closed must not ask again
      wake?.();
      await polling; // at most one poll in flight, answered at once
      // a goodbye that fails leaves the server to forget the client after absentPeerMs
      await up.request('POST', `/close?id=${id}`).catch(() => undefined);
      down.close();
      up.close();
    },
    drop: () => {
      // a drop between polls leaves nothing to fail: the next poll then simply opens a new socket
      lost = true;
      down.drop();
      up.drop();
    },
  };
}
