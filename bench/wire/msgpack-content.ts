import { Decoder } from 'socket.io-msgpack-parser';
import { addPart, type PartBytes } from './parts.ts';

/**
 * One socket.io packet encoded by socket.io-msgpack-parser: a binary WebSocket message with no engine.io
 * byte in front (engine.io sends binary data as it is). Read with the parser itself, so what counts as
 * our text is what socket.io hands the application; a text message is engine.io's own (open, ping, pong).
 */
export function msgpackPacketContent(bytes: Uint8Array, binary = false): PartBytes {
  if (!binary) return { control: bytes.length };
  const carried = messageText(bytes);
  if (carried === undefined) return { control: bytes.length }; // connect, disconnect
  const parts: PartBytes = {};
  addPart(parts, 'message', carried);
  addPart(parts, 'socketio-envelope', bytes.length - carried);
  return parts;
}

/** UTF-8 length of our text in a `message` event, or undefined for any other packet (or bytes that are not one). */
function messageText(bytes: Uint8Array): number | undefined {
  const decoder = new Decoder();
  let data: unknown;
  decoder.on('decoded', (packet: { data?: unknown }) => (data = packet.data));
  try {
    decoder.add(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    return undefined;
  }
  if (!Array.isArray(data) || data[0] !== 'message' || typeof data[1] !== 'string') return undefined;
  return Buffer.byteLength(data[1]);
}
