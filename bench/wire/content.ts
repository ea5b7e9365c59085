import { addPart, addParts, type PartBytes } from './parts.ts';

/**
 * Decoders for what a transport puts inside its frames or bodies. Each one splits the bytes it is given
 * into parts that add up to their length: the message bytes are what the decoded text measures in
 * UTF-8, and everything else in the bytes is the envelope around it (escapes included).
 */
/** `binary`: the bytes came as a binary WebSocket message (opcode 2), not as text */
export type ContentDecoder = (bytes: Uint8Array, binary?: boolean) => PartBytes;

const utf8 = (text: string) => Buffer.byteLength(text);
const text = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');

/** The whole content is one message of ours (a WebSocket text frame, a POST /send body). */
export const messageContent: ContentDecoder = (bytes) => ({ message: bytes.length });

/** Content that carries nothing of ours. */
export const controlContent: ContentDecoder = (bytes) => ({ control: bytes.length });

/** A long-poll batch: a JSON array of message strings (`[]` when a poll had nothing to say). */
export const jsonBatchContent: ContentDecoder = (bytes) => {
  const parts: PartBytes = {};
  const batch = parseJson(text(bytes));
  if (!Array.isArray(batch) || !batch.every((m) => typeof m === 'string')) return { unparsed: bytes.length };
  const carried = (batch as string[]).reduce((sum, m) => sum + utf8(m), 0);
  addPart(parts, 'message', carried);
  addPart(parts, 'json-framing', bytes.length - carried);
  return parts;
};

/**
 * An event stream (the body of an SSE response, possibly a window into the middle of it). A data field's
 * value is message; its name, line end and the blank line after an event are framing; comments are
 * control (heartbeats).
 */
export const eventStreamContent: ContentDecoder = (bytes) => {
  const parts: PartBytes = {};
  const line = /([^\r\n]*)(\r\n|\r|\n|$)/y;
  const stream = text(bytes);
  while (line.lastIndex < stream.length) {
    const match = line.exec(stream);
    if (!match) break;
    const [, content = '', end = ''] = match;
    const field = /^data: ?/.exec(content);
    if (field) {
      addPart(parts, 'sse-framing', utf8(field[0]) + end.length);
      addPart(parts, 'message', utf8(content) - utf8(field[0]));
    } else if (content.startsWith(':')) {
      addPart(parts, 'control', utf8(content) + end.length);
    } else {
      addPart(parts, 'sse-framing', utf8(content) + end.length); // the blank line, or a field we never send
    }
  }
  return parts;
};

/** Record separator between engine.io packets in one polling payload (engine.io protocol v4). */
const RECORD_SEPARATOR = '\x1e';
const ENGINE_MESSAGE = '4';
const SOCKET_EVENT = '2';

/** An engine.io polling payload: packets joined by the record separator. */
export const engineIoPayloadContent: ContentDecoder = (bytes) => {
  const parts: PartBytes = {};
  const packets = text(bytes).split(RECORD_SEPARATOR);
  addPart(parts, 'engineio-envelope', packets.length - 1);
  for (const packet of packets) addParts(parts, engineIoPacket(packet));
  return parts;
};

/**
 * One packet of raw engine.io (no socket.io above it): a `message` packet is `4` and our text, a binary
 * message is our bytes as they are; any other packet is engine.io's own.
 */
export const engineIoRawPacketContent: ContentDecoder = (bytes, binary) => {
  if (binary) return { message: bytes.length };
  const packet = text(bytes);
  if (!packet.startsWith(ENGINE_MESSAGE)) return { control: bytes.length };
  const parts: PartBytes = { 'engineio-envelope': 1 };
  addPart(parts, 'message', bytes.length - 1);
  return parts;
};

/** One engine.io packet (a WebSocket frame of socket.io carries exactly one). */
export const engineIoPacketContent: ContentDecoder = (bytes) => engineIoPacket(text(bytes));

function engineIoPacket(packet: string): PartBytes {
  const size = utf8(packet);
  // open, close, ping, pong, upgrade, noop: engine.io's own traffic
  if (!packet.startsWith(ENGINE_MESSAGE)) return { control: size };
  const parts: PartBytes = { 'engineio-envelope': 1 };
  const inner = packet.slice(1);
  const carried = socketIoMessage(inner);
  if (carried === undefined) addPart(parts, 'control', size - 1); // connect, disconnect, acks
  else {
    addPart(parts, 'message', carried);
    addPart(parts, 'socketio-envelope', size - 1 - carried);
  }
  return parts;
}

/** UTF-8 length of our text in a socket.io `message` event, or undefined for any other packet. */
function socketIoMessage(packet: string): number | undefined {
  if (!packet.startsWith(SOCKET_EVENT)) return undefined;
  // namespace (`/chat,`) and ack id (digits) may sit between the type and the JSON array
  const args = parseJson(packet.slice(packet.indexOf('[')));
  if (!Array.isArray(args) || args[0] !== 'message' || typeof args[1] !== 'string') return undefined;
  return utf8(args[1]);
}

function parseJson(source: string): unknown {
  try {
    return JSON.parse(source);
  } catch {
    return undefined;
  }
}
