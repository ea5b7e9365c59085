import { describe, expect, it } from 'vitest';
import { eventStreamContent, messageContent } from '../bench/wire/content.ts';
import { readHttp2Frames } from '../bench/wire/http2-frames.ts';
import { addParts, totalOf, type PartBytes } from '../bench/wire/parts.ts';

/** One HTTP/2 frame (RFC 9113 4.1): 24-bit length, type, flags, 31-bit stream id, then the payload. */
function frame(type: number, flags: number, streamId: number, payload: Buffer | string): Buffer {
  const body = Buffer.from(payload);
  const head = Buffer.alloc(9);
  head.writeUIntBE(body.length, 0, 3);
  head[3] = type;
  head[4] = flags;
  head.writeUInt32BE(streamId, 5);
  return Buffer.concat([head, body]);
}

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
const [DATA, HEADERS, SETTINGS, WINDOW_UPDATE] = [0, 1, 4, 8];
const END_STREAM = 0x1;
const PADDED = 0x8;

describe('HTTP/2 frames in the breakdown', () => {
  it('splits a POST: preface and SETTINGS control, HPACK block as headers, every frame header apart, the body a message', () => {
    const bytes = Buffer.concat([PREFACE, frame(SETTINGS, 0, 0, ''), frame(HEADERS, 0x4, 1, Buffer.alloc(27, 0x82)), frame(DATA, END_STREAM, 1, 'e|c|1|0|hello')]);
    const { units, end } = readHttp2Frames(bytes, 0, messageContent);
    const parts = units.reduce<PartBytes>((sum, u) => addParts(sum, u.parts), {});
    expect(end).toBe(bytes.length);
    expect(parts).toEqual({ control: 24, 'h2-frame-header': 27, 'http-headers': 27, message: 13 });
    expect(units.map((u) => u.label)).toEqual(['h2 preface', 'h2 SETTINGS', 'h2 HEADERS', 'h2 DATA stream 1']);
  });

  it('joins a stream\'s DATA frames before reading them: an event split across frames is one event', () => {
    const event = 'id: 7\ndata: e|c|7|0|hello\n\n';
    const bytes = Buffer.concat([frame(DATA, 0, 1, event.slice(0, 15)), frame(WINDOW_UPDATE, 0, 0, Buffer.alloc(4)), frame(DATA, 0, 1, event.slice(15))]);
    const { units } = readHttp2Frames(bytes, 0, eventStreamContent);
    const data = units.find((u) => u.label === 'h2 DATA stream 1 in 2 frames');
    expect(data?.parts).toEqual({ 'h2-frame-header': 18, 'sse-framing': 'id: 7\ndata: \n\n'.length, message: 'e|c|7|0|hello'.length });
    expect(units.reduce((sum, u) => sum + totalOf(u.parts), 0)).toBe(bytes.length);
  });

  it('counts a padded frame\'s pad length and padding as framing', () => {
    const payload = Buffer.concat([Buffer.from([3]), Buffer.from('e|c|1|0|x'), Buffer.alloc(3)]);
    const { units } = readHttp2Frames(frame(DATA, PADDED, 3, payload), 0, messageContent);
    expect(units[0]?.parts).toEqual({ 'h2-frame-header': 9 + 4, message: 9 });
  });

  it('leaves a frame header the capture cut, and TLS ciphertext, unparsed', () => {
    const cut = readHttp2Frames(Buffer.concat([frame(SETTINGS, 0, 0, ''), Buffer.alloc(5)]), 0, messageContent);
    expect(cut.units.at(-1)?.parts).toEqual({ unparsed: 5 });
    const tls = readHttp2Frames(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00]), 0, messageContent);
    expect(tls.units).toEqual([{ label: 'tls (encrypted)', bytes: 7, parts: { unparsed: 7 } }]);
  });
});
