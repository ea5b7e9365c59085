import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MESSAGE_KINDS, decode, kindOf, sentUsOf, seqOf } from '../protocol/envelope.ts';
import { encodeChat, messageMaker } from '../protocol/payload.ts';

const header = (seq: number) => ({ kind: MESSAGE_KINDS.echo, sender: 'w0c1', seq, sentUs: 1234.5 + seq });

describe('json payloads', () => {
  it.each([128, 256, 1024, 64 * 1024])('are exactly %i B, valid JSON chat messages behind a readable header', (size) => {
    for (const seq of [0, 7, 123_456]) {
      const text = encodeChat(header(seq), size);
      expect(Buffer.byteLength(text)).toBe(size);
      expect(kindOf(text)).toBe(MESSAGE_KINDS.echo);
      expect(seqOf(text)).toBe(seq);
      expect(sentUsOf(text)).toBe(1234.5 + seq);
      const chat = JSON.parse(decode(text)?.body ?? '') as Record<string, unknown>;
      expect(Object.keys(chat)).toEqual(['type', 'text', 'id', 'date']);
      expect(Number.isNaN(Date.parse(String(chat['date'])))).toBe(false);
    }
  });

  it('are cut to the size below the smallest chat message, the header kept', () => {
    const text = encodeChat(header(3), 40);
    expect(Buffer.byteLength(text)).toBe(40);
    expect(seqOf(text)).toBe(3);
  });

  it('are the same in every run, differ from message to message, and compress like text, not like padding', () => {
    expect(encodeChat(header(5), 256)).toBe(encodeChat(header(5), 256));
    const texts = Array.from({ length: 200 }, (_, seq) => encodeChat(header(seq), 256));
    expect(new Set(texts.map((t) => decode(t)?.body.slice(28, 80))).size).toBeGreaterThan(190);
    const ratio = (messages: string[]) => deflateRawSync(messages.join('')).length / messages.join('').length;
    const padded = Array.from({ length: 200 }, (_, seq) => messageMaker('padding')(header(seq), 256));
    // one deflate stream over all of them, as permessage-deflate with context takeover sees them
    expect(ratio(texts)).toBeGreaterThan(0.15);
    expect(ratio(texts)).toBeGreaterThan(3 * ratio(padded));
  });
});
