import { Backoff } from './backoff.ts';
import { HttpChannel, expectStatus, newClientId } from './http-channel.ts';
import type { ClientConnection, ClientOptions } from './transport.ts';

/**
 * `longpoll`: the classic hand-built long-polling client. One keep-alive connection holds a GET that
 * the server answers when there is news, then asks again at once; a second one carries a POST per
 * message upstream. With options.reconnect a poll that fails on the network is asked again (see
 * Backoff): the server keeps the client's queue meanwhile, so what was sent in the gap still arrives.
 */
export async function connect({ host, port, onMessage, reconnect, onReconnect, localAddress }: ClientOptions): Promise<ClientConnection> {
  const id = newClientId();
  const down = new HttpChannel(host, port, localAddress);
  const up = new HttpChannel(host, port, localAddress);
  // on the poll's connection, as a browser reuses its idle one: an idle client then holds one socket, and
  // the upstream one opens with its first message
  expectStatus(await down.request('POST', `/open?id=${id}`), 204, 'longpoll open');
  let open = true;
  let lost = false;
  const backoff = new Backoff();

  const polling = (async () => {
    while (open) {
      const reply = await down.request('GET', `/poll?id=${id}`).catch(() => undefined);
      if (reply?.status === 200) {
        // back once a poll is answered: with a queue on the server, that answer is what the gap held
        if (lost) {
          lost = false;
          backoff.reset();
          onReconnect?.();
        }
        for (const text of JSON.parse(reply.body) as string[]) onMessage(text);
        continue;
      }
      // a 404 means the server forgot us; without reconnect any failure ends the connection
      if (reply || !reconnect || !open) break;
      lost = true;
      await new Promise((resolve) => setTimeout(resolve, backoff.take()));
    }
  })();

  return {
    // a POST that fails loses its message; the scenario's delivery count records the loss
    send: (text) => void up.request('POST', `/send?id=${id}`, text).catch(() => undefined),
    close: async () => {
      if (!open) return;
      open = false;
      // answers the pending poll; one that fails leaves the server to forget the client after absentPeerMs
      await up.request('POST', `/close?id=${id}`).catch(() => undefined);
      await polling;
      down.close();
      up.close();
    },
    drop: () => {
      lost = true;
      down.drop();
      up.drop();
    },
  };
}
