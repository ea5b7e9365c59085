import { once } from 'node:events';
import WebSocket from 'ws';
import type { ClientConnection, ClientOptions } from './transport.ts';

/**
 * A load generator's socket.io client, for the capacity search alone (the descriptor's loadClient): the
 * protocol a socket.io-client on engine.io's WebSocket transport speaks, written straight on `ws`, as
 * autocannon speaks HTTP without a browser. engine.io v4's open (`0{…}`), the default namespace's
 * connect (`40` → `40{sid}`), its pings answered (`2` → `3`), and the `message` event as the default
 * parser's text packet, `42["message",<JSON string>]`, both ways.
 *
 * Why not socket.io-client, which every other scenario runs: per message it costs about what the server
 * does (its emitter, the parser's encode and decode of the whole packet, engine.io-client's queue), so a
 * load process on one core could not out-run a socket.io server on the other, and the search measured
 * the client ("≥ … load-limited" in every run of 2026-12-03). No reconnection, no acks, no binary, no other
 * namespace: what the search does not use.
 */
const EVENT = '42["message",';

export function connectSocketIoLean({ host, port, path, onMessage, localAddress }: ClientOptions): Promise<ClientConnection> {
  const mount = path === undefined || path === '/' ? '/socket.io/' : `${path.replace(/\/+$/, '')}/`;
  const socket = new WebSocket(`ws://${host}:${port}${mount}?EIO=4&transport=websocket`, localAddress === undefined ? {} : { localAddress });
  return new Promise((resolve, reject) => {
    let connected = false;
    const fail = (why: string) => {
      socket.terminate();
      reject(new Error(`socketio connect: ${why}`));
    };
    socket.on('error', (error) => {
      if (!connected) fail(error.message);
    });
    socket.on('close', () => {
      if (!connected) fail('closed before it was connected');
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
      // the message event first: it is every packet but a few
      if (text.startsWith(EVENT)) {
        const body: unknown = JSON.parse(text.slice(EVENT.length, -1));
        if (typeof body === 'string') onMessage(body);
      } else if (text === '2') socket.send('3');
      else if (text.startsWith('0')) socket.send('40');
      else if (text.startsWith('40') && !connected) {
        connected = true;
        resolve({
          send: (message) => socket.send(`${EVENT}${JSON.stringify(message)}]`),
          close: async () => {
            if (socket.readyState === WebSocket.CLOSED) return;
            const closed = once(socket, 'close');
            socket.send('41'); // the namespace's disconnect, as socket.close() in socket.io-client sends
            socket.close();
            await closed;
          },
          drop: () => socket.terminate(),
        });
      } else if (text.startsWith('44')) fail(`refused by the server: ${text.slice(2)}`);
    });
  });
}
