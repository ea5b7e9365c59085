import { describe, expect, it } from 'vitest';
import { MESSAGE_KINDS, decode, encode, encodePadded, kindOf, minimumSize, sentUsOf, seqOf } from '../protocol/envelope.ts';

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

describe('reading a reply in place', () => {
  it('seqOf gives the sequence number of any envelope, and -1 for what is not one', () => {
    const text = encodePadded({ kind: MESSAGE_KINDS.echo, sender: 'w1c22', seq: 90817, sentUs: 123.456 }, 64);
    expect(seqOf(text)).toBe(90817);
    expect(seqOf(encodePadded({ kind: MESSAGE_KINDS.broadcast, sender: 'ü', seq: 0, sentUs: 1 }, 64))).toBe(0);
    for (const bad of ['', 'e', 'e|', 'e|c0', 'e|c0|', 'e|c0||1|', 'e|c0|12a|1|', 'e|c0|-3|1|', 'ee|c0|3|1|', 'e|c0|42']) {
      expect(seqOf(bad), JSON.stringify(bad)).toBe(-1);
    }
  });

  it('sentUsOf gives the send time decode would, and NaN without one', () => {
    const text = encodePadded({ kind: MESSAGE_KINDS.echo, sender: 'c0', seq: 7, sentUs: 987654.321 }, 64);
    expect(sentUsOf(text)).toBe(decode(text)?.sentUs);
    expect(sentUsOf('e|c0|7')).toBeNaN();
  });
});
