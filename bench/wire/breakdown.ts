import type { SocketCapture } from '../../servers/byte-meter.ts';
import { controlContent, eventStreamContent } from './content.ts';
import { readChunked, readHttpMessage, readWebSocketMessage, startsHttpMessage, type Unit } from './frames.ts';
import { readHttp2Frames } from './http2-frames.ts';
import { addPart, addParts, totalOf, type PartBytes } from './parts.ts';
import { wireProfileOf, type Direction, type MidStream } from './profiles.ts';

export type { Direction } from './profiles.ts';
export { PART_NAMES, totalOf, type PartBytes, type PartName } from './parts.ts';
export type { Unit } from './frames.ts';

/** One direction of one socket's capture, split into units (HTTP messages, WebSocket messages, lines). */
export interface StreamBreakdown {
  units: Unit[];
  /** the units' parts added up, plus `unparsed` for bytes the capture was cut before */
  parts: PartBytes;
  /** every byte the socket moved in this direction in the window: always totalOf(parts) */
  total: number;
}

export interface Breakdown {
  /** client to server: what the server read */
  up: StreamBreakdown;
  /** server to client: what the server wrote */
  down: StreamBreakdown;
}

/**
 * Splits the bytes one socket moved in one direction into parts, from the bytes themselves: an HTTP
 * message is read where it begins, a 101 switches to WebSocket frames, and a capture that begins in
 * the middle of a connection is read as the transport frames it there (see WireProfile.midStream).
 */
export function breakdownStream(transport: string, direction: Direction, captured: Uint8Array, counted = captured.length): StreamBreakdown {
  const profile = wireProfileOf(transport);
  const bytes = Buffer.from(captured.buffer, captured.byteOffset, captured.byteLength);
  const units: Unit[] = [];
  let mode: MidStream = startsHttpMessage(bytes, 0) ? 'http' : profile.midStream(direction);
  let at = 0;
  while (at < bytes.length) {
    if (mode === 'http') {
      const read = readHttpMessage(bytes, at, profile.httpBody);
      units.push(read.unit);
      at = read.end;
      if (read.upgraded) mode = 'websocket-frames';
    } else if (mode === 'websocket-frames') {
      const read = readWebSocketMessage(bytes, at, profile.webSocketMessage);
      units.push(read.unit);
      at = read.end;
    } else if (mode === 'http2-frames') {
      // one HTTP/2 connection: frames to the end of the capture, whatever streams they belong to
      const read = readHttp2Frames(bytes, at, profile.http2Data?.(direction) ?? controlContent);
      units.push(...read.units);
      at = read.end;
    } else if (mode === 'event-stream') {
      const read = readChunked(bytes, at, eventStreamContent);
      units.push({ label: 'event-stream chunks', bytes: read.end - at, parts: read.parts });
      at = read.end;
      mode = 'http'; // a chunked body that ended: the next thing on a keep-alive socket is a message
    } else {
      const lineEnd = bytes.indexOf(0x0a, at);
      const end = lineEnd < 0 ? bytes.length : lineEnd + 1;
      const parts: PartBytes = { message: (lineEnd < 0 ? end : lineEnd) - at };
      addPart(parts, 'tcp-framing', end - at - (parts.message ?? 0));
      units.push({ label: 'line', bytes: end - at, parts });
      at = end;
    }
  }
  const parts = units.reduce<PartBytes>((sum, u) => addParts(sum, u.parts), {});
  // counted beyond what was kept: the capture limit cut it, and the total must still be the counted one
  addPart(parts, 'unparsed', counted - bytes.length);
  return { units, parts, total: totalOf(parts) };
}

/** Splits one socket's capture (see ByteMeter.startCapture) both ways. */
export function breakdownCapture(transport: string, capture: SocketCapture): Breakdown {
  return {
    up: breakdownStream(transport, 'up', capture.read, capture.bytesRead),
    down: breakdownStream(transport, 'down', capture.written, capture.bytesWritten),
  };
}

/** Splits every socket of a window and adds them up: the parts of one exchange, however many sockets it took. */
export function breakdownCaptures(transport: string, captures: readonly SocketCapture[]): Breakdown {
  const all = captures.map((c) => breakdownCapture(transport, c));
  const merge = (direction: Direction): StreamBreakdown => {
    const streams = all.map((b) => b[direction]);
    const parts = streams.reduce<PartBytes>((sum, s) => addParts(sum, s.parts), {});
    return { units: streams.flatMap((s) => s.units), parts, total: totalOf(parts) };
  };
  return { up: merge('up'), down: merge('down') };
}
