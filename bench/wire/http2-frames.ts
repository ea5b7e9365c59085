import type { ContentDecoder } from './content.ts';
import type { Unit } from './frames.ts';
import { addPart, addParts, type PartBytes } from './parts.ts';

/**
 * A reader for HTTP/2 frames (RFC 9113), as sse-h2 puts them on its one connection. Every frame has a
 * 9-byte header (h2-frame-header); a HEADERS or CONTINUATION payload is an HPACK block (http-headers,
 * read as bytes: decoding it would need the session's dynamic table from its start); DATA payloads are
 * joined per stream and decoded as one body, since an event or a message may span frames; SETTINGS,
 * WINDOW_UPDATE, PING, RST_STREAM, GOAWAY and the client's preface carry nothing of ours (control).
 * A browser's connection is TLS: its bytes are left unparsed, as the breakdown cannot read ciphertext.
 */
const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
const FRAME_HEADER_BYTES = 9;
const TYPE_NAMES = ['DATA', 'HEADERS', 'PRIORITY', 'RST_STREAM', 'SETTINGS', 'PUSH_PROMISE', 'PING', 'GOAWAY', 'WINDOW_UPDATE', 'CONTINUATION'];
const DATA = 0;
const HEADER_BLOCKS = new Set([1, 5, 9]); // HEADERS, PUSH_PROMISE, CONTINUATION
const PADDED = 0x8;

/** A TLS record (a browser's connection): a handshake or application data record header, versions 1.0-1.3. */
const startsTlsRecord = (bytes: Buffer, offset: number): boolean => (bytes[offset] === 0x16 || bytes[offset] === 0x17) && bytes[offset + 1] === 0x03;

/** The client's connection preface begins here. */
export const startsHttp2Preface = (bytes: Buffer, offset: number): boolean =>
  bytes.length - offset >= PREFACE.length && bytes.compare(PREFACE, 0, PREFACE.length, offset, offset + PREFACE.length) === 0;

interface StreamData {
  readonly payload: Buffer[];
  readonly parts: PartBytes;
  bytes: number;
  frames: number;
}

/**
 * Reads every frame from `offset` to the end of the capture; `data` decodes the joined DATA payloads
 * of each stream. A frame the capture cut short is unparsed from its cut header on.
 */
export function readHttp2Frames(bytes: Buffer, offset: number, data: ContentDecoder): { units: Unit[]; end: number } {
  const units: Unit[] = [];
  const streams = new Map<number, StreamData>();
  let at = offset;
  if (startsTlsRecord(bytes, at)) {
    // ciphertext: node:tls reads the socket in C++ after its first bytes, so only they were captured, and
    // none of it can be read without the session's keys
    return { units: [{ label: 'tls (encrypted)', bytes: bytes.length - at, parts: { unparsed: bytes.length - at } }], end: bytes.length };
  }
  if (startsHttp2Preface(bytes, at)) {
    units.push({ label: 'h2 preface', bytes: PREFACE.length, parts: { control: PREFACE.length } });
    at += PREFACE.length;
  }
  while (at < bytes.length) {
    if (bytes.length - at < FRAME_HEADER_BYTES) {
      units.push({ label: 'h2 cut', bytes: bytes.length - at, parts: { unparsed: bytes.length - at } });
      break;
    }
    const length = bytes.readUIntBE(at, 3);
    const type = bytes[at + 3] ?? -1;
    const flags = bytes[at + 4] ?? 0;
    const streamId = bytes.readUInt32BE(at + 5) & 0x7fffffff;
    const start = at + FRAME_HEADER_BYTES;
    const end = Math.min(bytes.length, start + length);
    const payload = bytes.subarray(start, end);
    at = end;
    if (type === DATA) {
      const stream = streams.get(streamId) ?? { payload: [], parts: {}, bytes: 0, frames: 0 };
      streams.set(streamId, stream);
      // a padded frame: its pad length byte and the padding are framing, the rest is the body
      const padding = flags & PADDED ? Math.min(payload.length, 1 + (payload[0] ?? 0)) : 0;
      addPart(stream.parts, 'h2-frame-header', FRAME_HEADER_BYTES + padding);
      stream.payload.push(payload.subarray(padding > 0 ? 1 : 0, payload.length - Math.max(0, padding - 1)));
      stream.bytes += FRAME_HEADER_BYTES + payload.length;
      stream.frames++;
      continue;
    }
    const parts: PartBytes = { 'h2-frame-header': FRAME_HEADER_BYTES };
    addPart(parts, HEADER_BLOCKS.has(type) ? 'http-headers' : 'control', payload.length);
    units.push({ label: `h2 ${TYPE_NAMES[type] ?? `type ${type}`}`, bytes: FRAME_HEADER_BYTES + payload.length, parts });
  }
  for (const [id, stream] of streams) {
    const parts = addParts(stream.parts, data(Buffer.concat(stream.payload)));
    units.push({ label: `h2 DATA stream ${id}${stream.frames > 1 ? ` in ${stream.frames} frames` : ''}`, bytes: stream.bytes, parts });
  }
  return { units, end: bytes.length };
}
