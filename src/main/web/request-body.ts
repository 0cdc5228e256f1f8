// Reading a JSON request body with a size limit. Over the limit the answer is
// 413 at once; the rest of the upload is read and thrown away (so the client,
// still sending, gets to read the answer instead of a reset connection), up
// to a point past which the connection is cut.
//
// Bodies come only as application/json (415 otherwise): an HTML form on
// another site can post urlencoded, multipart or text/plain without a CORS
// preflight, never application/json, so this stops a cross-site form even
// where the Origin check would not. And a body nested deeper than the shared
// limit is a 400 before anything walks it.
import type { IncomingMessage } from 'node:http';
import { tooDeepAt, tooDeepMessage } from '../../shared/input/nesting-depth.ts';

/** Request bodies larger than this are refused with 413. */
export const MAX_BODY_BYTES = 64 * 1024;
/** An upload still going past this after a 413 is not a mistake: cut it. */
const DISCARD_BYTES = 16 * 1024 * 1024;

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; message: string };

/** application/json, any parameters (charset) and case. */
export function isJsonContentType(header: string | undefined): boolean {
  return header !== undefined && header.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

export function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  const type = req.headers['content-type'];
  if (!isJsonContentType(type)) {
    discard(req, 0);
    const got = type === undefined ? 'none' : JSON.stringify(type);
    return Promise.resolve({
      ok: false,
      status: 415,
      message: `body: send JSON with the header Content-Type: application/json (got ${got}); with curl: -H 'Content-Type: application/json'`,
    });
  }
  const tooLarge: BodyResult = { ok: false, status: 413, message: `body: larger than the ${limit / 1024} KB limit` };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    discard(req, 0);
    return Promise.resolve(tooLarge);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.off('end', onEnd);
      discard(req, size);
      resolve(tooLarge);
    };
    const onEnd = () => resolve(parse(Buffer.concat(chunks).toString('utf8')));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', () => resolve({ ok: false, status: 400, message: 'body: the upload broke off' }));
  });
}

function discard(req: IncomingMessage, already: number): void {
  let seen = already;
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DISCARD_BYTES) req.socket.destroy();
  });
  req.resume();
}

function parse(text: string): BodyResult {
  if (text.trim() === '') return { ok: false, status: 400, message: 'body: expected a JSON object, got nothing' };
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    return { ok: false, status: 400, message: `body: not valid JSON (${(error as Error).message})` };
  }
  const deep = tooDeepAt(value);
  return deep === null ? { ok: true, value } : { ok: false, status: 400, message: tooDeepMessage(deep, 'body') };
}
