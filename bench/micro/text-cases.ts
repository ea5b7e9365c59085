import { createParser } from 'eventsource-parser';
import { Decoder, Encoder, PacketType } from 'socket.io-parser';
import { LINE_END, LineSplitter } from '../../protocol/line-framing.ts';
import type { MicroCase } from './case.ts';

/**
 * Mirror of servers/sse.ts `formatEvent`, which that module does not export; keep the two alike until
 * it does (then import it here).
 */
function formatEvent(text: string): string {
  return `data: ${text.split(/\r\n|\r|\n/).join('\ndata: ')}\n\n`;
}

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
  const event = Buffer.from(formatEvent(text));
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

/** One message per batch: what a poll carries under the echo scenario's closed loop. */
export const TEXT_CASES: MicroCase[] = [
  { transport: 'tcp', operation: 'frame', prepare: (text) => () => Buffer.from(text + LINE_END) },
  { transport: 'tcp', operation: 'parse', prepare: lineParse },
  { transport: 'socketio', operation: 'encode', prepare: (text) => () => new Encoder().encode(socketIoPacket(text)) },
  { transport: 'socketio', operation: 'decode', prepare: socketIoDecode },
  { transport: 'sse', operation: 'format', prepare: (text) => () => Buffer.from(formatEvent(text)) },
  { transport: 'sse', operation: 'parse', prepare: sseParse },
  { transport: 'longpoll', operation: 'batch_encode', prepare: (text) => () => Buffer.from(JSON.stringify([text])) },
  {
    transport: 'longpoll',
    operation: 'batch_decode',
    prepare: (text) => {
      const body = Buffer.from(JSON.stringify([text]));
      return () => JSON.parse(body.toString()) as string[];
    },
  },
];
