import { describe, expect, it } from 'vitest';
import { MESSAGE_KINDS, decode, encode, encodePadded, kindOf, minimumSize } from '../protocol/envelope.ts';

describe('envelope', () => {
  it('pads to the exact byte size, whatever sizes came before', () => {
    for (const size of [64, 40, 65536, 100, 64, 1024 * 1024, 41]) {
      const text = encodePadded({ kind: MESSAGE_KINDS.echo, sender: 'c1', seq: 12345, sentUs: 987654321.123 }, size);
      expect(Buffer.byteLength(text)).toBe(size);
    }
  });

  it('counts a multi-byte sender name in bytes', () => {
    const text = encodePadded({ kind: MESSAGE_KINDS.echo, sender: 'ü日', seq: 1, sentUs: 1 }, 64);
    expect(Buffer.byteLength(text)).toBe(64);
  });

  it('round-trips through decode, with a body that contains the separator', () => {
    const e = { kind: MESSAGE_KINDS.broadcast, sender: 'w0c3', seq: 42, sentUs: 5.5, body: 'a|b|c' };
    expect(decode(encode(e))).toEqual(e);
  });

  it('refuses a size below the header and texts that are not envelopes', () => {
    const head = { kind: MESSAGE_KINDS.echo, sender: 'c', seq: 1, sentUs: 1 } as const;
    expect(() => encodePadded(head, minimumSize(head) - 1)).toThrow(RangeError);
    expect(kindOf('hello')).toBeUndefined();
    expect(kindOf('z|x|1|1|')).toBeUndefined();
    expect(decode('e|x|notanumber|1|')).toBeUndefined();
    expect(decode('e|x')).toBeUndefined();
  });
});
