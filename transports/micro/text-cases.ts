import { createParser } from 'eventsource-parser';
import { Decoder, Encoder, PacketType } from 'socket.io-parser';
import { LINE_END, LineSplitter } from '../../protocol/line-framing.ts';
import { formatEvent } from '../../servers/sse-replay.ts';
import type { MicroCase } from './case.ts';

const socketIoPacket = (text: string) => ({ type: PacketType.EVENT, nsp: '/', data: ['message', text] });

/**
 * Every parse starts from the bytes a socket delivers, so that decoding UTF-8 is charged to each
 * transport alike (ws and WebSocket-Node parse from a Buffer too).
 */
function socketIoDecode(text: string): () => unknown {
  // engine.io has already taken off its one-character packet type: socket.io-parser gets the rest
  const [encoded = ''] = new Encoder().encode(socketIoPacket(text)) as string[];
  const bytes = Buffer.from(encoded);
  const decoder = new Decoder();
  let last: unknown;
  decoder.on('decoded', (packet: unknown) => (last = packet));
  return () => {
    decoder.add(bytes.toString());
    return last;
  };
}

function sseParse(text: string): () => unknown {
  const event = Buffer.from(formatEvent(1, text));
  let last = '';
  const parser = createParser({ onEvent: (e) => (last = e.data) });
  return () => {
    parser.feed(event.toString());
    return last;
  };
}

function lineParse(text: string): () => unknown {
  const line = Buffer.from(text + LINE_END);
  let last = '';
  const splitter = new LineSplitter((l) => (last = l));
  return () => {
    splitter.push(line.toString());
    return last;
  };
}

/** The newline framing of the floor. */
export const LINE_CASES: readonly MicroCase[] = [
  { operation: 'frame', prepare: (text) => () => Buffer.from(text + LINE_END) },
  { operation: 'parse', prepare: lineParse },
];

/** socket.io-parser's packets; engine.io adds one character on top. */
export const SOCKET_IO_CASES: readonly MicroCase[] = [
  { operation: 'encode', prepare: (text) => () => new Encoder().encode(socketIoPacket(text)) },
  { operation: 'decode', prepare: socketIoDecode },
];

/** One event of the server's stream, and eventsource-parser reading it as the client does. */
export const EVENT_STREAM_CASES: readonly MicroCase[] = [
  { operation: 'format', prepare: (text) => () => Buffer.from(formatEvent(1, text)) },
  { operation: 'parse', prepare: sseParse },
];

/** One message per batch: what a poll carries under the echo scenario's closed loop. */
export const JSON_BATCH_CASES: readonly MicroCase[] = [
  { operation: 'batch_encode', prepare: (text) => () => Buffer.from(JSON.stringify([text])) },
  {
    operation: 'batch_decode',
    prepare: (text) => {
      const body = Buffer.from(JSON.stringify([text]));
      return () => JSON.parse(body.toString()) as string[];
    },
  },
];
