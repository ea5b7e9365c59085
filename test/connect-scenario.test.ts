import { describe, expect, it } from 'vitest';
import { runScenario } from './helpers/scenario-run.ts';

/**
 * A ws handshake, byte for byte (RFC 6455 4.1 and 4.2.2, with the ws client's and server's headers):
 * the request line and seven header lines up, the 101 and three header lines down. The Host line's port
 * has five digits: Linux hands out ephemeral ports from 32768.
 */
const WS_UP = ['GET / HTTP/1.1', 'Sec-WebSocket-Version: 13', `Sec-WebSocket-Key: ${'k'.repeat(24)}`, 'Connection: Upgrade', 'Upgrade: websocket',
  'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits', 'Host: 127.0.0.1:40000'];
const WS_DOWN = ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${'a'.repeat(28)}`];
const httpBytes = (lines: string[]) => lines.reduce((n, l) => n + l.length + 2, 0) + 2;

/** The real CLI, in its own processes: a storm of 20 connections on two transports. */
describe('connect scenario', () => {
  it('opens every connection, times each handshake and counts its bytes', async () => {
    const rows = await runScenario('connect', ['ws', 'longpoll'], 20);
    for (const transport of ['ws', 'longpoll']) {
      expect(rows.value(transport, 'connect_opened')).toBe(20);
      expect(rows.value(transport, 'connect_failed')).toBe(0);
      // a handshake over loopback takes more than a microsecond and, unloaded, well under a second
      expect(rows.value(transport, 'connect_p50')).toBeGreaterThan(1);
      expect(rows.value(transport, 'connect_p50')).toBeLessThan(1e6);
      expect(rows.value(transport, 'connect_p99')).toBeGreaterThanOrEqual(rows.value(transport, 'connect_p50') ?? Infinity);
      expect(rows.connections(transport, 'connect_opened')).toBe(20);
      // one socket a connection just opened: longpoll's POST /open and first poll share one, as a browser
      // reuses its idle connection; its second opens with its first message
      expect(rows.value(transport, 'server_sockets_per_conn'), `${transport} sockets`).toBe(1);
    }
    // per connection opened, exactly one handshake's bytes: not the warm-up connection's, nor a share of them
    expect(rows.value('ws', 'handshake_bytes_up')).toBe(httpBytes(WS_UP));
    expect(rows.value('ws', 'handshake_bytes_down')).toBe(httpBytes(WS_DOWN));
    // longpoll's handshake is its POST /open and its first GET, each a request and an answer
    expect(rows.value('longpoll', 'handshake_bytes_up')).toBeGreaterThan(2 * 'GET / HTTP/1.1\r\n\r\n'.length);
  }, 90_000);
});
