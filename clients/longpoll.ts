import { HttpChannel, expectStatus, newClientId } from './http-channel.ts';
import type { ClientConnection, ClientOptions } from './transport.ts';

/**
 * `longpoll`: the classic hand-built long-polling client. One keep-alive connection holds a GET that
 * the server answers when there is news, then asks again at once; a second one carries a POST per
 * message upstream.
 */
export async function connect({ host, port, onMessage }: ClientOptions): Promise<ClientConnection> {
  const id = newClientId();
  const down = new HttpChannel(host, port);
  const up = new HttpChannel(host, port);
  expectStatus(await up.request('POST', `/open?id=${id}`), 204, 'longpoll open');
  let open = true;

  const polling = (async () => {
    while (open) {
      const reply = await down.request('GET', `/poll?id=${id}`).catch(() => undefined);
      if (!reply || reply.status !== 200) break; // the server closed or forgot us: the connection is over
      for (const text of JSON.parse(reply.body) as string[]) onMessage(text);
    }
  })();

  return {
    // a POST that fails loses its message; the scenario's delivery count records the loss
    send: (text) => void up.request('POST', `/send?id=${id}`, text).catch(() => undefined),
    close: async () => {
      if (!open) return;
      open = false;
      await up.request('POST', `/close?id=${id}`).catch(() => undefined); // answers the pending poll
      await polling;
      down.close();
      up.close();
    },
  };
}
