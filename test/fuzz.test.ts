/**
 * Fuzz: many random and malformed inputs against every server, in process. It must end with zero
 * crashes (an uncaught exception anywhere fails it) and the well-behaved clients still served.
 * The seed is fixed so that a failure replays; FUZZ_SEED=n tries another sequence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../servers/limits.ts';
import { WEBSOCKET_PATHS, rawConnect, rawWebSocket, seededRandom, tryWrite, wsFrame, type RawSocket } from './helpers/abuse.ts';
import { TRANSPORTS, stillServed } from './helpers/served.ts';
import { connectRecording, sleep, startServer, type RecordingClient, type RunningServer } from './helpers/transport-harness.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20_251_125);
/** Per transport and kind of input: enough to reach odd corners, few enough for a 2-core machine. */
const CASES = 40;
/** How long one raw connection may linger before the fuzzer hangs up on it itself. */
const LINGER_MS = 60;

/** Envelopes a peer might send to make the hub work hard or trip: every one must be refused or bounded. */
const BAD_ENVELOPES = [
  'p|x|1|2|999999999,9999999',
  'p|x|1|2|5,3', // a size too small for the header
  'p|x|1|2|-1,100',
  'p|x|1|2|1e9,1',
  `p|x|1|2|${2 ** 53},1`,
  `p|x|1|2|1,${2 ** 31}`,
  'p|x|1|2|0.5,100',
  'p|x|1|2|,',
  'p|x|1|2|',
  'p|x|NaN|NaN|1,100',
  'p|',
  'p||||',
  'b|',
  'e|',
  'd|x|1|2|',
  '',
  '|',
  'x'.repeat(10_000),
  '\u0000\uffff\ud800 lone surrogate',
];

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'G\u0000T', '', 'CONNECT'];
const PATHS = ['/', '/send', '/poll', '/open', '/close', '/events', '/socket.io/', '/socket.io/?EIO=4&transport=polling',
  '/socket.io/?EIO=4&transport=websocket', '/socket.io/?EIO=3&transport=polling&sid=nope', '/%', '/../..', '*', ''];

describe.each(TRANSPORTS)('%s: fuzz', (transport) => {
  const random = seededRandom(SEED + transport.length);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));

  let server: RunningServer;
  let good: RecordingClient;
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => crashes.push(error);

  beforeAll(async () => {
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    server = await startServer(transport, undefined, 0, DEFAULT_LIMITS);
    good = await connectRecording(transport, server.port);
  });
  afterAll(async () => {
    await good.conn.close().catch(() => undefined);
    await server.close();
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  });

  /** Sends on a raw connection, gives the server a moment, then hangs up (if the server has not). */
  async function throwAt(send: (raw: RawSocket) => void, open = () => rawConnect(server.port)): Promise<void> {
    const raw = await open().catch(() => undefined); // a refused handshake is a fine answer
    if (!raw) return;
    send(raw);
    await Promise.race([raw.closed, sleep(LINGER_MS)]);
    raw.socket.destroy();
  }

  /** What every case must leave behind: no crash anywhere, and the well-behaved client still served. */
  async function survived(): Promise<void> {
    expect(crashes).toEqual([]);
    await stillServed(good);
  }

  /** Runs the cases a few at a time: concurrent abuse, but not so much that the machine is the test. */
  async function inBatches(make: () => Promise<void>): Promise<void> {
    for (let i = 0; i < CASES; i += 8) await Promise.all(Array.from({ length: 8 }, make));
  }

  function randomRequest(): string {
    const headers = [`Host: ${pick(['127.0.0.1', '', 'x'.repeat(300)])}`];
    if (random() < 0.5) headers.push(`Content-Length: ${pick(['5', '-1', '99999999999', 'abc', '0'])}`);
    if (random() < 0.3) headers.push('Transfer-Encoding: chunked');
    if (random() < 0.3) headers.push('Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Version: ${pick(['13', '8', 'x'])}`);
    if (random() < 0.3) headers.push(`Sec-WebSocket-Key: ${bytes(16).toString('base64')}`);
    if (random() < 0.3) headers.push(`${bytes(4).toString('hex')}: ${bytes(8).toString('latin1')}`);
    const query = random() < 0.5 ? `?id=${pick(['ok-id', '', '../x', '%00', bytes(3).toString('hex')])}` : '';
    return `${pick(METHODS)} ${pick(PATHS)}${query} HTTP/${pick(['1.1', '1.0', '2', 'x'])}\r\n${headers.join('\r\n')}\r\n\r\n`;
  }

  it('survives random bytes on raw TCP', async () => {
    await inBatches(() => throwAt((raw) => tryWrite(raw, bytes(int(4096)))));
    await survived();
  });

  it('survives random HTTP requests', async () => {
    await inBatches(() => throwAt((raw) => tryWrite(raw, Buffer.concat([Buffer.from(randomRequest(), 'latin1'), bytes(int(300))]))));
    await survived();
  });

  const path = WEBSOCKET_PATHS[transport];
  it.runIf(path !== undefined)('survives random WebSocket frames', async () => {
    const frame = () =>
      random() < 0.2
        ? bytes(int(64))
        : wsFrame(pick([0, 1, 2, 8, 9, 10, 3, 15]), random() < 0.5 ? bytes(int(300)) : Buffer.from(pick(BAD_ENVELOPES)), {
            fin: random() < 0.8,
            mask: random() < 0.9,
            rsv: random() < 0.8 ? 0 : int(8),
          });
    await inBatches(() =>
      throwAt(
        (raw) => {
          for (let n = 1 + int(4); n > 0; n--) tryWrite(raw, frame());
        },
        () => rawWebSocket(server.port, path ?? '/'),
      ),
    );
    await survived();
  });

  it('bounds malformed envelopes sent by a real client, push requests above all', async () => {
    const { hub } = server;
    const rejectedBefore = hub.rejected;
    const fuzzer = await connectRecording(transport, server.port);
    const envelopes = [...BAD_ENVELOPES, ...Array.from({ length: CASES }, () => bytes(int(200)).toString('latin1'))];
    // the tcp transport frames by newline, so a message with one in it is not one message
    for (const text of envelopes) fuzzer.conn.send(transport === 'tcp' ? text.replaceAll('\n', ' ') : text);
    await stillServed(fuzzer); // in order after all of the above
    expect(hub.rejected - rejectedBefore).toBeGreaterThanOrEqual(BAD_ENVELOPES.length - 1);
    expect(hub.messagesOut).toBeLessThan(1000); // nothing was asked to push a flood
    await fuzzer.conn.close();
  });

  it('ends with zero crashes and the well-behaved clients served', async () => {
    expect(crashes).toEqual([]);
    await stillServed(good);
    const late = await connectRecording(transport, server.port);
    await stillServed(late);
    await late.conn.close();
  });
});
