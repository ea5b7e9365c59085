/**
 * The suite's own application message, carried as one text message by every transport.
 *
 * Wire form: `kind|sender|seq|sentUs|body`, e.g. `e|c1|42|1234567.5|xxxxxxxx`.
 * A delimited line rather than JSON so that a server can route a message by its first character
 * without parsing it: JSON.parse of a 64 KiB message would cost the server more than some transports'
 * own framing, and that cost would be charged to the transport.
 */
export const MESSAGE_KINDS = {
  /** echo: the server returns the same text to the sender */
  echo: 'e',
  /** broadcast: the server sends the same text to every connected client, the sender included */
  broadcast: 'b',
  /** push request: the server streams `count` data messages of `size` bytes to the asker */
  pushRequest: 'p',
  /** one message of a server-initiated stream */
  data: 'd',
} as const;

export type MessageKind = (typeof MESSAGE_KINDS)[keyof typeof MESSAGE_KINDS];

export interface Envelope {
  kind: MessageKind;
  sender: string;
  seq: number;
  /** send time on the host's monotonic clock, in microseconds (see nowUs) */
  sentUs: number;
  body: string;
}

const SEPARATOR = '|';
const SEPARATOR_CODE = 0x7c;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const PAD_CHAR = 'x';
const KIND_VALUES = new Set<string>(Object.values(MESSAGE_KINDS));

/**
 * Microseconds on CLOCK_MONOTONIC. process.hrtime is the same clock in every process of the host,
 * so a timestamp written by one process can be compared with a clock read in another.
 */
export function nowUs(): number {
  return Number(process.hrtime.bigint()) / 1000;
}

function header(e: Omit<Envelope, 'body'>): string {
  // three decimals: nanosecond resolution survives the round trip through text
  return `${e.kind}|${e.sender}|${e.seq}|${e.sentUs.toFixed(3)}|`;
}

/** The header alone, `kind|sender|seq|sentUs|`: what every payload kind (protocol/payload.ts) puts first. */
export const headerOf = (e: Omit<Envelope, 'body'>): string => header(e);

/** The smallest payload size that can carry this header (with an empty body). */
export function minimumSize(e: Omit<Envelope, 'body'>): number {
  return Buffer.byteLength(header(e));
}

/**
 * Encodes an envelope padded with ASCII to exactly `sizeBytes` bytes of UTF-8.
 * The payload size reported in every result is this whole text's size.
 */
export function encodePadded(e: Omit<Envelope, 'body'>, sizeBytes: number): string {
  const head = header(e);
  // the header is ASCII unless the sender name is not, so its length is its byte length in the common case
  const padLength = sizeBytes - (isAscii(e.sender) ? head.length : Buffer.byteLength(head));
  if (padLength < 0) {
    throw new RangeError(`payload of ${sizeBytes} B is too small for the envelope header (${head.length} B)`);
  }
  return head + padding(padLength);
}

/**
 * The padding of the last length asked for, kept: a load loop sends thousands of messages whose padding
 * differs by a byte or two at most, and building a fresh 64 KiB string for each would be the loop's
 * largest cost. A longer string is sliced, which V8 does without copying.
 */
let padCache = '';
function padding(length: number): string {
  if (length > padCache.length) padCache = PAD_CHAR.repeat(Math.max(length, padCache.length * 2));
  return length === padCache.length ? padCache : padCache.slice(0, length);
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Encodes an envelope with the given body as is. */
export function encode(e: Envelope): string {
  return header(e) + e.body;
}

/** The kind of a message, read from its first character, or undefined when it is not one of ours. */
export function kindOf(text: string): MessageKind | undefined {
  const k = text.charAt(0);
  return text.charAt(1) === SEPARATOR && KIND_VALUES.has(k) ? (k as MessageKind) : undefined;
}

/** The kind of a binary message (its header is the same ASCII as a text one's), or undefined when it is not one of ours. */
export function binaryKindOf(bytes: Uint8Array): MessageKind | undefined {
  const k = String.fromCharCode(bytes[0] ?? 0);
  return bytes[1] === SEPARATOR_CODE && KIND_VALUES.has(k) ? (k as MessageKind) : undefined;
}

/**
 * The sequence number of an envelope `k|sender|seq|...`, read in place: no object, no substring, for the
 * load loops' hot paths, which need nothing else of a reply. -1 when the text is not one of ours.
 */
export function seqOf(text: string): number {
  const a = text.indexOf(SEPARATOR, 2);
  if (a < 0 || text.charAt(1) !== SEPARATOR) return -1;
  let seq = 0;
  for (let i = a + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === SEPARATOR_CODE) return i > a + 1 ? seq : -1;
    if (c < DIGIT_0 || c > DIGIT_9) return -1;
    seq = seq * 10 + (c - DIGIT_0);
  }
  return -1;
}

/** The send time of an envelope (µs, see nowUs), read without building the rest of it; NaN when it has none. */
export function sentUsOf(text: string): number {
  const a = text.indexOf(SEPARATOR, 2);
  const b = a < 0 ? -1 : text.indexOf(SEPARATOR, a + 1);
  const c = b < 0 ? -1 : text.indexOf(SEPARATOR, b + 1);
  return c < 0 ? Number.NaN : Number(text.slice(b + 1, c));
}

/** Parses a message; undefined when the text is not an envelope. The body may contain the separator. */
export function decode(text: string): Envelope | undefined {
  const kind = kindOf(text);
  if (kind === undefined) return undefined;
  const a = text.indexOf(SEPARATOR, 2);
  const b = a < 0 ? -1 : text.indexOf(SEPARATOR, a + 1);
  const c = b < 0 ? -1 : text.indexOf(SEPARATOR, b + 1);
  if (c < 0) return undefined;
  const seq = Number(text.slice(a + 1, b));
  const sentUs = Number(text.slice(b + 1, c));
  if (!Number.isInteger(seq) || !Number.isFinite(sentUs)) return undefined;
  return { kind, sender: text.slice(2, a), seq, sentUs, body: text.slice(c + 1) };
}

/** Body of a push request: how many data messages, of what size. */
export function encodePushBody(count: number, size: number): string {
  return `${count},${size}`;
}

export function decodePushBody(body: string): { count: number; size: number } | undefined {
  const [count, size] = body.split(',').map(Number);
  if (count === undefined || size === undefined) return undefined;
  if (!Number.isInteger(count) || !Number.isInteger(size) || count < 0 || size < 0) return undefined;
  return { count, size };
}
