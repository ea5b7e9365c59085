import { EventSource } from 'eventsource';
import { HttpChannel, newClientId } from './http-channel.ts';
import type { ClientConnection, ClientOptions } from './transport.ts';

/**
 * `sse`: the `eventsource` package's EventSource downstream, with its defaults, and a keep-alive POST
 * per message upstream: SSE has no upstream of its own.
 */
export function connect({ host, port, onMessage }: ClientOptions): Promise<ClientConnection> {
  const id = newClientId();
  const up = new HttpChannel(host, port);
  const source = new EventSource(`http://${host}:${port}/events?id=${id}`);
  source.onmessage = (event) => onMessage(event.data);
  return new Promise((resolve, reject) => {
    source.onerror = (event) => {
      if (source.readyState !== EventSource.CLOSED) return; // EventSource retries by itself
      up.close();
      reject(new Error(`sse connect: ${event.message ?? 'failed'}`));
    };
    source.onopen = () =>
      resolve({
        // a POST that fails loses its message; the scenario's delivery count records the loss
        send: (text) => void up.request('POST', `/send?id=${id}`, text).catch(() => undefined),
        close: async () => {
          source.close();
          up.close();
        },
      });
  });
}
