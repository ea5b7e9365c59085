import type { IncomingMessage, ServerResponse } from 'node:http';

/** The largest upstream message an HTTP transport accepts; larger gets 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Path and client id of a request to `/path?id=...`; the id is checked, never trusted as anything else. */
export function route(req: IncomingMessage): { path: string; id: string | undefined } {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const id = url.searchParams.get('id') ?? '';
  return { path: url.pathname, id: CLIENT_ID.test(id) ? id : undefined };
}

/** Reads a UTF-8 body up to MAX_BODY_BYTES; undefined (and a 413 sent) when it is larger. */
export function readBody(req: IncomingMessage, res: ServerResponse): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reply(res, 413);
        req.destroy();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(undefined));
  });
}

export function reply(res: ServerResponse, status: number, body?: string, type = 'text/plain; charset=utf-8'): void {
  if (res.headersSent) return;
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body);
}
