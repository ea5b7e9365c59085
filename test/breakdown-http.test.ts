import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGE_KINDS, encodePadded } from '../protocol/envelope.ts';
import { breakdownCapture, breakdownCaptures } from '../bench/wire/breakdown.ts';
import type { SocketCapture } from '../servers/byte-meter.ts';
import { connectRecording, eventually, sleep, startServer, type RecordingClient, type RunningServer } from './helpers/transport-harness.ts';

let server: RunningServer | undefined;
let client: RecordingClient | undefined;
afterEach(async () => {
  await client?.conn.close();
  await server?.close();
  client = server = undefined;
});

const text = (size: number) => encodePadded({ kind: MESSAGE_KINDS.echo, sender: 'c', seq: 0, sentUs: 0 }, size);

/** One echo on an open connection, captured; the captures once every byte counted has been captured. */
async function captureEcho(transport: string, size: number): Promise<{ message: string; captures: SocketCapture[] }> {
  server = await startServer(transport);
  client = await connectRecording(transport, server.port);
  await sleep(100);
  server.meter.reset();
  server.meter.startCapture();
  const message = text(size);
  client.conn.send(message);
  await client.waitFor(1);
  const running = server;
  await eventually(() => {
    const counted = running.meter.read();
    const captures = running.meter.captures();
    return captures.reduce((n, c) => n + c.written.length, 0) === counted.bytesWritten;
  });
  return { message, captures: server.meter.stopCapture() };
}

/** A capture's bytes as text, split at every HTTP head's end, for reading parts off independently. */
const heads = (bytes: Buffer) => bytes.toString('latin1').split('\r\n\r\n');

describe('sse: data: framing agrees with the recorded stream', () => {
  it.each([16, 255, 1000, 20_000])('a %i-byte message is one chunk of `id: 1\\ndata: <text>\\n\\n`', async (size) => {
    const { message, captures } = await captureEcho('sse', size);
    const stream = captures.find((c) => c.written.includes('data: '));
    if (!stream) throw new Error('no event-stream socket in the capture');
    // the recorded bytes, exactly: chunk size line, the event, the chunk's CRLF
    // the server numbers every event (id:) so that a reconnecting EventSource can resume; this is the first
    const event = `id: 1\ndata: ${message}\n\n`;
    expect(stream.written.toString('latin1')).toBe(`${Buffer.byteLength(event).toString(16)}\r\n${event}\r\n`);
    const { down } = breakdownCapture('sse', stream);
    expect(down.parts).toEqual({
      message: size,
      'sse-framing': 'id: 1\n'.length + 'data: '.length + '\n\n'.length,
      'http-chunk-framing': Buffer.byteLength(event).toString(16).length + 4,
    });
  });
});

describe('longpoll and polling: request and response bytes agree with the recorded exchange', () => {
  it.each(['longpoll', 'polling'])('%s: POST /send and the answering poll, part by part', async (transport) => {
    const size = 200;
    const { message, captures } = await captureEcho(transport, size);
    const b = breakdownCaptures(transport, captures);
    const send = b.up.units.find((u) => u.label === 'POST /send');
    const answer = b.down.units.find((u) => u.label === 'HTTP 200' && (u.parts.message ?? 0) > 0);
    if (!send || !answer) throw new Error('no POST /send or no answering poll in the capture');

    // the POST: its start line and headers as recorded, then the message as its whole body
    const up = captures.map((c) => c.read).find((r) => r.includes('POST /send'));
    const [postHead = ''] = heads(up ?? Buffer.alloc(0)).filter((h) => h.includes('POST /send'));
    const [requestLine = '', ...requestHeaders] = postHead.slice(postHead.indexOf('POST /send')).split('\r\n');
    expect(send.parts).toEqual({
      'http-start-line': requestLine.length + 2,
      'http-headers': requestHeaders.join('\r\n').length + 4,
      message: size,
    });

    // the answer: status line, headers, and a JSON array holding exactly our message
    const body = JSON.stringify([message]);
    const down = captures.map((c) => c.written.toString('latin1')).find((w) => w.includes(body)) ?? '';
    const response = down.slice(down.lastIndexOf('HTTP/1.1 200', down.indexOf(body)), down.indexOf(body) + body.length);
    const [statusLine = '', ...responseHeaders] = response.slice(0, response.indexOf('\r\n\r\n')).split('\r\n');
    expect(answer.bytes).toBe(response.length);
    expect(answer.parts).toEqual({
      'http-start-line': statusLine.length + 2,
      'http-headers': responseHeaders.join('\r\n').length + 4,
      'json-framing': body.length - size,
      message: size,
    });
  });

  it('polling: an empty poll is a full request and response around `[]`', async () => {
    server = await startServer('polling');
    client = await connectRecording('polling', server.port);
    server.meter.startCapture();
    await sleep(300); // a few polls, nothing to say
    const b = breakdownCaptures('polling', server.meter.stopCapture());
    const polls = b.up.units.filter((u) => u.label === 'GET /poll');
    const answers = b.down.units.filter((u) => u.label === 'HTTP 200');
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(answers.length).toBeGreaterThanOrEqual(polls.length - 1); // the last may still be on its way
    for (const a of answers) expect(a.parts['json-framing']).toBe(2);
    expect(b.down.parts.message ?? 0).toBe(0);
  });
});
