/**
 * The parts a transport's bytes are split into by the wire breakdown. Every byte that crossed a socket
 * belongs to exactly one part, so the parts of a capture always add up to its length.
 */
export const PART_NAMES = [
  /** HTTP request line (upstream) or status line (downstream), CRLF included */
  'http-start-line',
  /** HTTP header lines and the blank line that ends them; over HTTP/2, a HEADERS frame's HPACK block */
  'http-headers',
  /** chunked transfer coding: size lines, the CRLF after each chunk, the last chunk and trailers */
  'http-chunk-framing',
  /** RFC 6455 frame header: first two bytes and the extended length */
  'ws-frame-header',
  /** RFC 6455 masking key: 4 bytes on every client-to-server frame */
  'ws-mask-key',
  /** HTTP/2 frame header: 9 bytes before every frame (RFC 9113 4.1), and a padded frame's padding */
  'h2-frame-header',
  /** the newline that frames a message on the `tcp` floor */
  'tcp-framing',
  /** event-stream field names, the space after them, line ends and the blank line ending an event */
  'sse-framing',
  /** a long-poll batch's brackets, quotes, commas and escapes */
  'json-framing',
  /** engine.io packet type and the record separators of a polling payload */
  'engineio-envelope',
  /** socket.io packet type, namespace, ack id and the JSON around our text (`2["message",` ... `]`) */
  'socketio-envelope',
  /** the suite's own message text, as decoded: the payload every transport carries alike */
  'message',
  /**
   * a data message compressed by permessage-deflate (RFC 7692, its frame's RSV1 set): the message and
   * whatever envelope it had, deflated together against the earlier ones, which no capture can split
   */
  'compressed',
  /** the transport's own traffic that carries no message: handshake bodies, pings, close frames, `ok` */
  'control',
  /** bytes the breakdown could not attribute, or cut off by the capture limit: zero in a sound capture */
  'unparsed',
] as const;

export type PartName = (typeof PART_NAMES)[number];

/** Bytes by part; a part not present counts zero. */
export type PartBytes = Partial<Record<PartName, number>>;

export function addPart(into: PartBytes, part: PartName, bytes: number): void {
  if (bytes > 0) into[part] = (into[part] ?? 0) + bytes;
}

export function addParts(into: PartBytes, from: PartBytes): PartBytes {
  for (const [part, bytes] of Object.entries(from) as Array<[PartName, number]>) addPart(into, part, bytes);
  return into;
}

export function totalOf(parts: PartBytes): number {
  let total = 0;
  for (const bytes of Object.values(parts)) total += bytes;
  return total;
}
