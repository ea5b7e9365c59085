/**
 * The size on the wire of one WebSocket frame (RFC 6455 §5.2) with `payloadBytes` of payload and no
 * extension: 2 bytes of header, 2 or 8 more for a payload of 126 bytes or more (16-bit or 64-bit length),
 * and the 4-byte masking key on every frame a client sends. For a server that cannot see its sockets'
 * byte counts (Bun.serve) and counts its frames instead; test/bun-ws.test.ts checks it on real sockets.
 */
export function frameBytes(payloadBytes: number, masked: boolean): number {
  const header = payloadBytes < 126 ? 2 : payloadBytes < 65_536 ? 4 : 10;
  return header + (masked ? 4 : 0) + payloadBytes;
}

/**
 * The bytes of an HTTP/1.1 request's head as a client writes it, from what the server was handed: the
 * request line, each header as `Name: value` with CRLF, and the blank line. Exact for a client that
 * writes one space after the colon and no folded or repeated headers (ws's, undici's, browsers').
 */
export function requestHeadBytes(method: string, target: string, headers: Iterable<[string, string]>): number {
  let bytes = Buffer.byteLength(`${method} ${target} HTTP/1.1\r\n`) + 2;
  for (const [name, value] of headers) bytes += Buffer.byteLength(name) + 2 + Buffer.byteLength(value) + 2;
  return bytes;
}
