import type { ContentDecoder } from './content.ts';
import { addPart, addParts, type PartBytes } from './parts.ts';

/**
 * Readers for the framing that carries content: HTTP/1.1 messages (RFC 9112), chunked bodies and
 * WebSocket frames (RFC 6455). Each reads from an offset of a captured stream, attributes every byte it
 * passes over, and says where it stopped; a capture may end in the middle of anything, and what is
 * there is attributed all the same.
 */
export interface Unit {
  /** e.g. `GET /poll`, `HTTP 200`, `ws text`, `ws close`, `line` */
  label: string;
  bytes: number;
  parts: PartBytes;
}

export interface Read {
  unit: Unit;
  end: number;
}

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
const HTTP_START = /^(?:[A-Z]+ \S+ HTTP\/1\.[01]\r\n|HTTP\/1\.[01] \d{3})/;

export function startsHttpMessage(bytes: Buffer, offset: number): boolean {
  return HTTP_START.test(bytes.toString('latin1', offset, Math.min(bytes.length, offset + 2048)));
}

function unit(label: string, start: number, end: number, parts: PartBytes): Read {
  return { unit: { label, bytes: end - start, parts }, end };
}

export interface HttpHead {
  /** `GET /poll?id=x` for a request, `HTTP 200` for a response */
  label: string;
  path: string | undefined;
  status: number | undefined;
  headers: Map<string, string>;
}

/** Chooses how an HTTP message's body is decoded, from its head. */
export type BodyDecoderFor = (head: HttpHead) => ContentDecoder;

/** Reads one HTTP message; `upgraded` when it was a 101 and WebSocket frames follow. */
export function readHttpMessage(bytes: Buffer, offset: number, decoderFor: BodyDecoderFor): Read & { upgraded: boolean } {
  const headEnd = bytes.indexOf(HEAD_END, offset);
  if (headEnd < 0) return { ...unit('incomplete head', offset, bytes.length, { unparsed: bytes.length - offset }), upgraded: false };
  const lineEnd = bytes.indexOf(CRLF, offset) + CRLF.length;
  const bodyStart = headEnd + HEAD_END.length;
  const head = parseHead(bytes.toString('latin1', offset, headEnd));
  const parts: PartBytes = { 'http-start-line': lineEnd - offset };
  addPart(parts, 'http-headers', bodyStart - lineEnd);
  const decode = decoderFor(head);
  const { status } = head;
  const length = head.headers.get('content-length');
  let end = bodyStart;
  // frames follow a 101 downstream, and upstream the request that asked for it (a refused upgrade
  // would break this, but then no frame follows either, only the close)
  const upgrading = status === undefined && /websocket/i.test(head.headers.get('upgrade') ?? '');
  if (status === 101 || upgrading) return { ...unit(head.label, offset, end, parts), upgraded: true };
  if (status !== undefined && (status < 200 || status === 204 || status === 304)) {
    // no body by definition
  } else if (/chunked/i.test(head.headers.get('transfer-encoding') ?? '')) {
    const chunked = readChunked(bytes, bodyStart, decode);
    addParts(parts, chunked.parts);
    end = chunked.end;
  } else if (length !== undefined || status === undefined) {
    // a request without a length has no body; a response without one runs to the end of the stream
    end = Math.min(bytes.length, bodyStart + Number(length ?? 0));
    addParts(parts, decode(bytes.subarray(bodyStart, end)));
  } else {
    end = bytes.length;
    addParts(parts, decode(bytes.subarray(bodyStart, end)));
  }
  return { ...unit(head.label, offset, end, parts), upgraded: false };
}

function parseHead(text: string): HttpHead {
  const [startLine = '', ...lines] = text.split('\r\n');
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const [first = '', second = ''] = startLine.split(' ');
  if (first.startsWith('HTTP/')) return { label: `HTTP ${second}`, path: undefined, status: Number(second), headers };
  return { label: `${first} ${second.split('?')[0]}`, path: second, status: undefined, headers };
}

/**
 * Reads a chunked body from `offset` (its first size line, or any later one: an SSE stream captured
 * from the middle). The chunks' data is decoded as one content, since an event may span two chunks.
 */
export function readChunked(bytes: Buffer, offset: number, decode: ContentDecoder): { parts: PartBytes; end: number } {
  const parts: PartBytes = {};
  const content: Buffer[] = [];
  let at = offset;
  while (at < bytes.length) {
    const sizeEnd = bytes.indexOf(CRLF, at);
    if (sizeEnd < 0) {
      addPart(parts, 'unparsed', bytes.length - at);
      at = bytes.length;
      break;
    }
    const size = parseInt(bytes.toString('latin1', at, sizeEnd).split(';')[0] ?? '', 16);
    if (!Number.isInteger(size)) {
      addPart(parts, 'unparsed', bytes.length - at);
      at = bytes.length;
      break;
    }
    addPart(parts, 'http-chunk-framing', sizeEnd + CRLF.length - at);
    at = sizeEnd + CRLF.length;
    if (size === 0) {
      // trailers, then the blank line that ends the body
      const trailersEnd = bytes.indexOf(CRLF, at) === at ? at + CRLF.length : bytes.indexOf(HEAD_END, at) + HEAD_END.length;
      const end = trailersEnd < at ? bytes.length : trailersEnd;
      addPart(parts, 'http-chunk-framing', end - at);
      at = end;
      break;
    }
    const dataEnd = Math.min(bytes.length, at + size);
    content.push(bytes.subarray(at, dataEnd));
    const framingEnd = Math.min(bytes.length, dataEnd + CRLF.length);
    addPart(parts, 'http-chunk-framing', framingEnd - dataEnd);
    at = framingEnd;
  }
  addParts(parts, decode(Buffer.concat(content)));
  return { parts, end: at };
}

const OPCODE_NAMES: Record<number, string> = { 0: 'continuation', 1: 'text', 2: 'binary', 8: 'close', 9: 'ping', 10: 'pong' };
const CONTROL_OPCODES = 8;
const BINARY_OPCODE = 2;

/**
 * Reads one WebSocket message: a data frame and its continuations up to FIN, or one control frame.
 * The payload is unmasked before it is decoded, since socket.io's envelope must be read to be split.
 */
export function readWebSocketMessage(bytes: Buffer, offset: number, decode: ContentDecoder): Read {
  const parts: PartBytes = {};
  const payload: Buffer[] = [];
  let at = offset;
  let opcode = -1;
  let compressed = false;
  let frames = 0;
  while (at < bytes.length) {
    const frame = readFrame(bytes, at);
    if (!frame) {
      addPart(parts, 'unparsed', bytes.length - at);
      at = bytes.length;
      break;
    }
    if (opcode < 0) {
      opcode = frame.opcode;
      compressed = frame.rsv1;
    }
    frames++;
    addPart(parts, 'ws-frame-header', frame.headerBytes);
    addPart(parts, 'ws-mask-key', frame.maskBytes);
    payload.push(frame.payload);
    at = frame.end;
    if (frame.fin || frame.opcode >= CONTROL_OPCODES) break;
  }
  const content = Buffer.concat(payload);
  // a deflated payload cannot be read without the stream's whole history (context takeover)
  addParts(parts, opcode >= CONTROL_OPCODES ? { control: content.length } : compressed ? { compressed: content.length } : decode(content, opcode === BINARY_OPCODE));
  const label = `ws ${OPCODE_NAMES[opcode] ?? opcode}${compressed ? ' deflated' : ''}${frames > 1 ? ` in ${frames} frames` : ''}`;
  return unit(label, offset, at, parts);
}

interface Frame {
  fin: boolean;
  /** RSV1: the message is compressed (permessage-deflate sets it on a message's first frame) */
  rsv1: boolean;
  opcode: number;
  headerBytes: number;
  maskBytes: number;
  payload: Buffer;
  end: number;
}

function readFrame(bytes: Buffer, at: number): Frame | undefined {
  const first = bytes[at];
  const second = bytes[at + 1];
  if (first === undefined || second === undefined) return undefined;
  const short = second & 0x7f;
  // RFC 6455 5.2: 7-bit length, or 126 then 16 bits, or 127 then 64 bits
  const extended = short === 126 ? 2 : short === 127 ? 8 : 0;
  const headerBytes = 2 + extended;
  const maskBytes = second & 0x80 ? 4 : 0;
  if (at + headerBytes + maskBytes > bytes.length) return undefined;
  const length = short === 126 ? bytes.readUInt16BE(at + 2) : short === 127 ? Number(bytes.readBigUInt64BE(at + 2)) : short;
  const start = at + headerBytes + maskBytes;
  const end = Math.min(bytes.length, start + length);
  const payload = Buffer.from(bytes.subarray(start, end));
  if (maskBytes) {
    const key = bytes.subarray(start - maskBytes, start);
    for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (key[i % 4] ?? 0);
  }
  return { fin: (first & 0x80) !== 0, rsv1: (first & 0x40) !== 0, opcode: first & 0x0f, headerBytes, maskBytes, payload, end };
}
