/**
 * The HTTP transports' keep-alive channel (clients/http-channel.ts) sends a request once more when the
 * kept-alive socket it went out on was reset before the server read it (the server's keepAliveTimeout
 * closing the socket as the request was written), and only then: a reset on a new socket fails.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import { HttpChannel } from '../clients/http-channel.ts';

const OK = 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\nok';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A raw HTTP server: each connection answers `answers` requests, then resets at the next one. */
function resetAfter(answers: (connection: number) => number): Promise<{ port: number; connections: () => number }> {
  let count = 0;
  server = createServer((socket: Socket) => {
    const n = ++count;
    let answered = 0;
    socket.on('data', () => {
      if (answered++ < answers(n)) socket.write(OK);
      else socket.resetAndDestroy();
    });
    socket.on('error', () => {});
  });
  return new Promise((resolve) => server!.listen(0, '127.0.0.1', () => resolve({ port: (server!.address() as { port: number }).port, connections: () => count })));
}

describe('HttpChannel on a reset kept-alive socket', () => {
  it('sends the request again on a new socket', async () => {
    const { port, connections } = await resetAfter(() => 1);
    const channel = new HttpChannel('127.0.0.1', port);
    expect((await channel.request('GET', '/poll?id=a')).status).toBe(200);
    // the second request goes out on the kept-alive socket, which resets: the retry opens a second one
    expect((await channel.request('GET', '/poll?id=a')).status).toBe(200);
    expect(connections()).toBe(2);
    channel.close();
  });

  it('fails a request whose new socket was reset', async () => {
    const { port } = await resetAfter(() => 0);
    const channel = new HttpChannel('127.0.0.1', port);
    await expect(channel.request('GET', '/poll?id=a')).rejects.toMatchObject({ code: 'ECONNRESET' });
    channel.close();
  });
});
