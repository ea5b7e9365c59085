import { encodePadded, headerOf, type Envelope } from './envelope.ts';

/**
 * What fills a message after the envelope's header (`kind|sender|seq|sentUs|`), which stays as it is in
 * every kind so that the servers route and the load times every message alike:
 * - `padding`: `x` repeated, the suite's default (it compresses to almost nothing);
 * - `binary`: the same header's bytes, then seeded random bytes, sent as a binary message (binaryMessage);
 * - `json`: a chat message as an application sends it, `{"type","text","id","date"}`, its text a
 *   window into a fixed corpus of varied English sentences (the same in every run), so that
 *   compression sees something like real traffic.
 */
export const PAYLOAD_KINDS = ['padding', 'json', 'binary'] as const;
export type PayloadKind = (typeof PAYLOAD_KINDS)[number];
/** The kinds carried as text messages; `binary` is a binary message where the transport has them (binaryMessage). */
export type TextPayloadKind = Exclude<PayloadKind, 'binary'>;

export const isPayloadKind = (value: string): value is PayloadKind => (PAYLOAD_KINDS as readonly string[]).includes(value);

/** Builds a message of exactly `sizeBytes` bytes (UTF-8) around an envelope's header. */
export type MessageMaker = (e: Omit<Envelope, 'body'>, sizeBytes: number) => string;

export function messageMaker(kind: TextPayloadKind = 'padding'): MessageMaker {
  return kind === 'json' ? encodeChat : encodePadded;
}

const SENTENCES = [
  'Are we still meeting at the station at half past six?',
  'I pushed the fix for the login bug, can you review it before lunch',
  'The train is running about ten minutes late again.',
  'Did anyone see the match last night? What a finish!',
  'Remember to bring the charger for the projector.',
  'ok',
  'Thanks, that worked perfectly.',
  'Could you send me the invoice from March when you get a chance?',
  'The weather forecast says rain all weekend, so the picnic is off.',
  'Happy birthday! Hope you have a great day.',
  'I will be working from home tomorrow morning.',
  'lol yes exactly',
  'Which version of the library are you running in production?',
  'My flight lands at 21:40, terminal 2.',
  'Can we move the standup to 10:15 on Thursday?',
  'The build failed on the arm64 runner but passed everywhere else.',
  'Dinner is at eight; bring something to drink if you can.',
  'Sorry, I missed your call. Is everything all right?',
  'The new dashboard looks great on mobile.',
  'Please water the plants while I am away.',
  'We sold out of the blue ones in two hours.',
  'Server 3 is back up after the restart, latency looks normal now.',
  'See you soon',
  'Who is picking up the kids from school today?',
  'I think the meeting notes are in the shared folder under Q3.',
  'That restaurant on Elm Street closed last month.',
  'Tickets go on sale Friday at noon, set an alarm.',
  'Running late, order for me: the usual, no onions.',
  'The package was left with the neighbour at number 12.',
  'Great work on the release, everyone!',
  'How many people have signed up for the workshop so far?',
  'I have attached the photos from the trip.',
  'Let me check with the team and get back to you by Monday.',
  'The coffee machine on the fourth floor is broken again.',
  'Can you believe it is already December?',
  'brb',
  'Merge conflicts everywhere after the rename, give me an hour.',
  'Our table is booked for seven, under my name.',
  'Do not forget to vote in the poll before Wednesday.',
  'The cat knocked the plant off the windowsill this morning.',
];

/** Deterministic: mulberry32, a small fast PRNG; the same seed gives the same corpus in every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CORPUS_SEED = 22;
const CORPUS_BYTES = 128 * 1024;
/** Windows start at a stride of a prime, so that consecutive messages carry different text. */
const WINDOW_STRIDE = 7919;
/** Dates step a second per message from a fixed instant: realistic, and the same in every run. */
const DATE_BASE_MS = Date.UTC(2026, 0, 1);

/** The stock sentences' words, for sentences made up of them (Zipf-weighted: common words come often). */
const WORDS = [...new Set(SENTENCES.join(' ').toLowerCase().split(/[^a-z0-9:']+/).filter((w) => w.length > 0))];
const ENDINGS = ['.', '.', '.', '?', '!', ''];
/** Share of sentences taken whole from the stock ones; the rest are made up of their words. */
const STOCK_SHARE = 0.3;

function madeUpSentence(random: () => number): string {
  const words: string[] = [];
  const count = 3 + Math.floor(random() * 12);
  // rank r drawn with weight about 1/r: a few words carry most of the text, as in any language
  for (let i = 0; i < count; i++) words.push(WORDS[Math.floor(WORDS.length ** random()) - 1] ?? 'the');
  const first = words[0] ?? '';
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return words.join(' ') + (ENDINGS[Math.floor(random() * ENDINGS.length)] ?? '');
}

let corpus = '';
/** Sentences drawn at random (seeded), joined by spaces, at least `length` long beyond a window's stride. */
function corpusOf(length: number): string {
  if (corpus.length >= length + CORPUS_BYTES) return corpus;
  const random = mulberry32(CORPUS_SEED);
  const parts: string[] = [];
  let size = 0;
  const want = Math.max(CORPUS_BYTES, length) + CORPUS_BYTES;
  while (size < want) {
    const sentence = random() < STOCK_SHARE ? (SENTENCES[Math.floor(random() * SENTENCES.length)] ?? '') : madeUpSentence(random);
    parts.push(sentence);
    size += sentence.length + 1;
  }
  corpus = parts.join(' ');
  return corpus;
}

/**
 * A chat message as JSON, the header in front: the text takes whatever room the other fields leave, so
 * the whole is exactly `sizeBytes`. Below the smallest such message (about 100 B), the JSON is cut at the size.
 * The corpus is ASCII with neither quotes nor backslashes, so no escaping changes its length.
 */
export function encodeChat(e: Omit<Envelope, 'body'>, sizeBytes: number): string {
  const head = headerOf(e);
  const id = `m${e.seq.toString(36)}`;
  const date = new Date(DATE_BASE_MS + e.seq * 1000).toISOString();
  const open = `{"type":"message","text":"`;
  const close = `","id":"${id}","date":"${date}"}`;
  const room = sizeBytes - Buffer.byteLength(head) - open.length - close.length;
  if (room < 0) return (head + open + close).slice(0, Math.max(sizeBytes, head.length));
  const text = corpusOf(room);
  const start = (e.seq * WINDOW_STRIDE) % (text.length - room + 1);
  return head + open + text.slice(start, start + room) + close;
}

const NOISE_BYTES = 256 * 1024;
let noise: Buffer | undefined;
/** Seeded random bytes, the same in every run: what a binary message carries (it does not compress). */
function noiseOf(length: number): Buffer {
  if (noise && noise.length >= length + NOISE_BYTES) return noise;
  const random = mulberry32(CORPUS_SEED);
  noise = Buffer.alloc(length + NOISE_BYTES);
  for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(random() * 256);
  return noise;
}

/** A binary message of exactly `sizeBytes`: the envelope's ASCII header, then a window of seeded random bytes. */
export function binaryMessage(e: Omit<Envelope, 'body'>, sizeBytes: number): Buffer {
  const head = headerOf(e);
  const bytes = Buffer.allocUnsafe(Math.max(sizeBytes, Buffer.byteLength(head)));
  const written = bytes.write(head);
  const room = bytes.length - written;
  const source = noiseOf(room);
  const start = (e.seq * WINDOW_STRIDE) % (source.length - room + 1);
  source.copy(bytes, written, start, start + room);
  return bytes;
}
